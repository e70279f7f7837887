import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitFor } from '../helpers/wait-for.js';
import { startCliServer } from './support/cli-server.js';
import { MAIN, ROOT } from './support/run-cli.js';
import { hasTmux, Tmux } from './support/tmux.js';
import { VerifyingApp } from './support/verifying-app.js';

/**
 * As a person sees it: `listen` in one tmux pane, `trigger` typed into a second, and the first
 * pane's screen shows the events. Under CI a missing tmux fails the test (`.ci/run` installs it);
 * elsewhere it is skipped with a note.
 */
test('listen in tmux shows the events triggered from a second pane', { timeout: 120_000 }, async (t) => {
  if (!hasTmux()) {
    assert.notEqual(process.env.CI, 'true', 'tmux is required under CI: apt-get install -y tmux');
    t.skip('tmux is not installed (apt-get install -y tmux)');
    return;
  }
  const server = await startCliServer();
  const app = await VerifyingApp.start();
  const tmux = Tmux.start({ cwd: ROOT, width: 200, height: 50 });
  const env = `NO_COLOR= SWITCHBOARD_URL=${server.url} SWITCHBOARD_DATA_DIR=${server.dataDir}`;
  const switchboard = `${env} node --import tsx ${MAIN}`;
  let screen = '';
  const shows = (pane: number, pattern: RegExp) => () => {
    screen = tmux.capture(pane);
    return pattern.test(screen);
  };
  try {
    tmux.type(0, `${switchboard} listen --forward-to ${app.url} --verification-token from-tmux`);
    await waitFor(shows(0, /signing secret\s+whsec_\S+/), 'listen to be ready', 30_000);
    const secret = /signing secret\s+(whsec_\S+)/.exec(screen)?.[1] ?? '';
    assert.match(screen, /Ready! Listening for notifications/);
    assert.match(screen, /verification token\s+from-tmux/);
    app.trust('from-tmux', secret);

    tmux.split(ROOT);
    tmux.type(1, `${switchboard} trigger presence-detailed && ${switchboard} trigger telephony-session`);
    await waitFor(shows(1, /Published 4 events/), 'both triggers to finish', 30_000);
    assert.match(screen, /Published 1 event in \d+ ms: 1 delivery/);

    await waitFor(
      shows(0, /telephony-session +Disconnected[^\n]*→ 200 OK/),
      'the last state of the call on the listen screen',
      30_000,
    );
    assert.match(
      screen,
      /presence +2001 Busy · CallConnected · 1 active call · seq \d+ +→ 200 OK \(\d+ ms\)/,
    );
    for (const code of ['Setup', 'Proceeding', 'Answered', 'Disconnected'])
      assert.match(
        screen,
        new RegExp(`telephony-session +${code} · Inbound \\+16505550123 → \\+16505550100 · seq \\d`),
      );
    assert.match(
      screen,
      /\/restapi\/v1\.0\/account\/1001\/extension\/2001\/telephony\/sessions · sub [0-9a-f]{8}/,
    );
    await waitFor(() => app.requests.length === 5, 'the app to get all five');
    assert.ok(
      app.requests.every((r) => r.verified),
      'the app verified every forwarded request',
    );

    tmux.interrupt(0);
    await waitFor(
      shows(0, /Stopped: deleted subscription [0-9a-f-]{36}\./),
      'Ctrl-C to delete the subscription',
    );
  } catch (err) {
    // The screen is what a person would have seen: show it.
    t.diagnostic(`pane 0:\n${tmux.capture(0)}`);
    throw err;
  } finally {
    tmux.kill();
    await app.close();
    await server.stop();
  }
});
