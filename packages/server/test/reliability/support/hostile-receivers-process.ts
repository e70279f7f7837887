/**
 * Runs the hostile receivers in a child process of their own (forked with IPC by
 * hostile-receivers.test.ts), so their work — pumping 100 MB answers, trickling bytes — neither
 * shares the server's event loop nor counts in the server's memory.
 *
 * Messages: → { type: 'ready', receivers: [{ name, url }] }; ← 'stats' → { type: 'stats', stats };
 * ← 'close' → closes everything and exits.
 */
import { startHostileReceivers } from './hostile-receivers.js';

const receivers = await startHostileReceivers();
const send = (message: unknown) => process.send?.(message);
send({ type: 'ready', receivers: receivers.map((r) => ({ name: r.name, url: r.url })) });
process.on('message', async (message) => {
  if (message === 'stats') {
    send({
      type: 'stats',
      stats: Object.fromEntries(
        receivers.map((r) => [r.name, { hits: r.hits(), bytesWritten: r.bytesWritten() }]),
      ),
    });
  }
  if (message === 'close') {
    await Promise.all(receivers.map((r) => r.close()));
    process.exit(0);
  }
});
