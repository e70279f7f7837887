import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { waitFor } from '../helpers/wait-for.js';
import { cleanEnv, ROOT } from './support/run-cli.js';

/** The `sh` blocks of the README's "Develop against Switchboard locally" section, in order. */
function walkthrough(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /<!-- local-dev:start -->([\s\S]*?)<!-- local-dev:end -->/.exec(readme)?.[1];
  assert.ok(section, 'README has the local-dev section');
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => (m[1] ?? '').trim());
}

/** A shell line run in its own process group, so the whole tree (npm → node) can be stopped. */
function background(
  script: string,
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  const child = spawn('bash', ['-c', script], {
    cwd: ROOT,
    env: cleanEnv(env),
    detached: true,
    stdio: 'pipe',
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return { child, output: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

test('the README local development walk-through works as written', { timeout: 180_000 }, async () => {
  const [serve, listen, commands, ownData, ...rest] = walkthrough();
  assert.equal(serve, 'npm start');
  assert.match(
    listen ?? '',
    /^npx switchboard listen --forward-to http:\/\/127\.0\.0\.1:3000\/webhook .*--record fixtures\/$/,
  );
  assert.ok(commands?.split('\n').every((line) => /^npx switchboard (trigger|deliveries) /.test(line)));
  assert.ok(ownData?.split('\n').every((line) => /^npx switchboard (check|trigger) /.test(line)));
  assert.deepEqual(rest, []);

  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-readme-local-'));
  // `fixtures/` in the README; a directory of the test's own here, so the clone stays clean.
  const fixtures = join(dataDir, 'fixtures/');
  // The README's defaults (port 8080, ./.switchboard) moved aside through the documented variables;
  // npm never goes to the network for `npx switchboard`: it is this workspace's own bin.
  const env = {
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_LOG_LEVEL: 'warn',
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  };
  const started: ChildProcess[] = [];
  try {
    const server = background(serve, { ...env, SWITCHBOARD_PORT: '0' });
    started.push(server.child);
    await waitFor(
      () => /listening on (http:\/\/\S+)/.test(server.output()),
      `npm start:\n${server.output()}`,
      60_000,
    );
    const url = /listening on (http:\/\/\S+)/.exec(server.output())?.[1] ?? '';

    // The app: the example receiver the README names, on a free port instead of 3000.
    const app = background('npx tsx examples/receiver-node.ts', {
      PORT: '0',
      VERIFICATION_TOKEN: 'my-secret',
    });
    started.push(app.child);
    await waitFor(() => /listening on \d+/.test(app.output()), `the example app:\n${app.output()}`, 60_000);
    const appUrl = `http://127.0.0.1:${/listening on (\d+)/.exec(app.output())?.[1]}`;

    const clientEnv = { ...env, SWITCHBOARD_URL: url };
    const listening = background(
      (listen ?? '').replaceAll('http://127.0.0.1:3000', appUrl).replace('fixtures/', fixtures),
      clientEnv,
    );
    started.push(listening.child);
    await waitFor(() => listening.output().includes('Ready!'), `listen:\n${listening.output()}`, 60_000);
    assert.match(listening.output(), /verification token\s+my-secret/);

    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', commands ?? ''], {
      cwd: ROOT,
      env: cleanEnv(clientEnv),
      encoding: 'utf8',
    });
    assert.match(out, /Triggering presence-detailed for account 1001, extension 2001\n {2}\S+ {2}matched 1 /);
    assert.match(out, /Triggering sms-inbound .*\n {2}\S+ {2}matched 1 .*\+14155550123 → \+16505550100/);
    assert.equal(out.match(/matched 1 {2}(Setup|Proceeding|Answered|Disconnected) /g)?.length, 4);
    const rows = out.slice(out.indexOf('ID  ')).trim().split('\n').slice(1);
    assert.equal(rows.length, 6, `deliveries list:\n${out}`);

    // Seen in listen, forwarded to the app, which verified the token and answered 200.
    await waitFor(
      () => (listening.output().match(/→ 200 OK \(\d+ ms\)/g) ?? []).length === 6,
      `six forwarded notifications in listen:\n${listening.output()}`,
      30_000,
    );
    assert.match(listening.output(), /presence +2001 Busy · CallConnected · 1 active call/);
    assert.match(
      listening.output(),
      /instant-message +SMS Inbound · \+14155550123 → \+16505550100 · "Running late"/,
    );
    assert.match(app.output(), /extension 2001 is Busy/);

    // Step 4: the app passes `check`; custom data and the replayed session reach it too.
    const own = execFileSync(
      'bash',
      [
        '-euo',
        'pipefail',
        '-c',
        (ownData ?? '').replaceAll('http://127.0.0.1:3000', appUrl).replace('fixtures/', fixtures),
      ],
      { cwd: ROOT, env: cleanEnv(clientEnv), encoding: 'utf8' },
    );
    assert.match(own, /\nPASS: \d+ passed, 0 failed/);
    // The two custom events may be recorded before the replay reads the directory, or after.
    const replayed = Number(/Published (\d+) events/.exec(own.slice(own.lastIndexOf('Triggering')))?.[1]);
    assert.ok(replayed >= 6, `the six recorded notifications (at least) replayed:\n${own}`);
    await waitFor(
      () => (listening.output().match(/→ 200 OK \(\d+ ms\)/g) ?? []).length === 8 + replayed,
      `six + two + ${replayed} notifications in listen:\n${listening.output()}`,
      30_000,
    );
    assert.match(listening.output(), /presence +2001 DoNotDisturb/);
    assert.match(
      listening.output(),
      /instant-message +SMS Inbound · \+16505550123 → \+16505550100 · "Custom text"/,
    );
    assert.match(app.output(), /extension 2001 is DoNotDisturb/);
    await stop(listening.child);
    assert.match(listening.output(), /Stopped: deleted subscription [0-9a-f-]{36}\./);
  } finally {
    for (const child of started.reverse()) await stop(child);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
