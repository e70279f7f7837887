/**
 * The peer of the benchmark: a BullMQ worker in its own process (as Switchboard's server is),
 * POSTing each job's notification to the receiver with undici over the same connection count the
 * dispatcher uses. Controlled over IPC like the receiver: {cmd:'exit'}. Env: REDIS_URL, QUEUE,
 * CONCURRENCY, RECEIVER_PORT, CONNECTIONS.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Pool } from 'undici';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const pool = new Pool(`http://127.0.0.1:${env('RECEIVER_PORT')}`, {
  connections: Number(env('CONNECTIONS')),
});
const connection = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null });
const worker = new Worker<{ notification: string }>(
  env('QUEUE'),
  async (job) => {
    const res = await pool.request({
      path: '/hook',
      method: 'POST',
      body: job.data.notification,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
    });
    await res.body.dump();
    if (res.statusCode < 200 || res.statusCode > 299) throw new Error(`receiver answered ${res.statusCode}`);
  },
  { connection, concurrency: Number(env('CONCURRENCY')) },
);

worker.on('ready', () => process.send?.({ type: 'ready' }));
process.on('message', async (m: { cmd: string }) => {
  if (m.cmd !== 'exit') return;
  await worker.close();
  await pool.close();
  connection.disconnect();
  process.exit(0);
});
