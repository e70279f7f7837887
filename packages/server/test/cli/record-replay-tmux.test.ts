import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createNodeHandler } from '@switchboard/receiver/node';
import { waitFor } from '../helpers/wait-for.js';
import { startCliServer } from './support/cli-server.js';
import { MAIN, ROOT } from './support/run-cli.js';
import { hasTmux, Tmux } from './support/tmux.js';
import { VerifyingApp } from './support/verifying-app.js';

/**
 * As a person sees it: `listen --record` in one tmux pane; in a second, `check` on a receiver, a
 * trigger with custom data, then the recording replayed, each showing up on the first pane.
 * Under CI a missing tmux fails the test; elsewhere it is skipped with a note.
 */
test('check, custom data and record/replay in tmux', { timeout: 120_000 }, async (t) => {
  if (!hasTmux()) {
    assert.notEqual(process.env.CI, 'true', 'tmux is required under CI: apt-get install -y tmux');
    t.skip('tmux is not installed (apt-get install -y tmux)');
    return;
  }
  const server = await startCliServer();
  const app = await VerifyingApp.start();
  // What `check` is pointed at: a receiver built with the library (VerifyingApp leaves the
  // handshake to listen, so check rightly fails it).
  const receiver = createServer(
    createNodeHandler({ verificationToken: 'tmux-vt', onNotification: () => undefined }),
  );
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook`;
  const fixtures = mkdtempSync(join(tmpdir(), 'switchboard-tmux-fixtures-'));
  const tmux = Tmux.start({ cwd: ROOT, width: 220, height: 60 });
  const switchboard = `NO_COLOR= SWITCHBOARD_URL=${server.url} SWITCHBOARD_DATA_DIR=${server.dataDir} node --import tsx ${MAIN}`;
  let screen = '';
  const shows = (pane: number, pattern: RegExp) => () => {
    screen = tmux.capture(pane);
    return pattern.test(screen);
  };
  try {
    tmux.type(
      0,
      `${switchboard} listen --forward-to ${app.url} --verification-token tmux-vt --record ${fixtures}`,
    );
    await waitFor(shows(0, /signing secret\s+whsec_\S+/), 'listen to be ready', 30_000);
    const secret = /signing secret\s+(whsec_\S+)/.exec(screen)?.[1] ?? '';
    app.trust('tmux-vt', secret);

    tmux.split(ROOT);
    tmux.type(1, `${switchboard} check ${receiverUrl} --verification-token tmux-vt`);
    await waitFor(shows(1, /PASS: \d+ passed, 0 failed/), 'check to pass', 30_000);
    assert.match(screen, /✔ handshake\.echo +Validation-Token echoed exactly/);
    assert.match(screen, /✔ verification-token +a wrong Verification-Token was refused \(401\)/);

    tmux.type(1, `${switchboard} trigger presence --set body.presenceStatus=DoNotDisturb`);
    await waitFor(
      shows(0, /presence +2001 DoNotDisturb[^\n]*→ 200 OK/),
      'the custom presence on the listen screen',
      30_000,
    );
    await waitFor(shows(0, /recorded \S+-presence-[0-9a-f]{8}\.json/), 'the fixture written', 30_000);
    await waitFor(() => readdirSync(fixtures).length === 1, 'one fixture on disk');

    tmux.type(1, `${switchboard} trigger --fixture ${fixtures}`);
    await waitFor(shows(1, /Published 1 event/), 'the replay published', 30_000);
    await waitFor(
      () => (tmux.capture(0).match(/presence +2001 DoNotDisturb[^\n]*→ 200 OK/g) ?? []).length === 2,
      'the replay on the listen screen',
      30_000,
    );
    await waitFor(() => app.requests.filter((r) => r.verified).length === 2, 'the app to verify both');
    tmux.interrupt(0);
    await waitFor(shows(0, /Stopped: deleted subscription/), 'Ctrl-C to delete the subscription');
  } catch (err) {
    t.diagnostic(`pane 0:\n${tmux.capture(0)}`);
    t.diagnostic(`last screen:\n${screen}`);
    throw err;
  } finally {
    tmux.kill();
    await app.close();
    receiver.close();
    await server.stop();
    rmSync(fixtures, { recursive: true, force: true });
  }
});
