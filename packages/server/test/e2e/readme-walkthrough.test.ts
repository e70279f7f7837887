import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startServerProcess, waitForExit } from '../helpers/server-process.js';
import { waitFor } from '../helpers/wait-for.js';

const ROOT = new URL('../../../../', import.meta.url).pathname;

/** The shell block of the README walk-through, split before step 3 (which needs the delivery made). */
function walkthrough(): [string, string] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(
    readme,
  )?.[1];
  assert.ok(block, 'README has the walk-through block');
  const at = block.indexOf('# 3.');
  return [block.slice(0, at), block.slice(at)];
}

function startExampleReceiver(): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'examples/receiver-node.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', VERIFICATION_TOKEN: 'my-secret' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  return waitFor(() => /listening on \d+/.test(out), 'the example receiver', 30_000).then(() => ({
    child,
    port: Number(/listening on (\d+)/.exec(out)?.[1]),
    output: () => out,
  }));
}

test('the README walk-through works as written', { timeout: 120_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-readme-'));
  const server = await startServerProcess(dataDir);
  const receiver = await startExampleReceiver();
  try {
    const adapt = (script: string) =>
      script
        .replaceAll('http://127.0.0.1:8080', server.url)
        .replaceAll('http://127.0.0.1:3000', `http://127.0.0.1:${receiver.port}`)
        .replaceAll('.switchboard/admin-token', join(dataDir, 'admin-token'));
    const [first, rest] = walkthrough();
    const run = (script: string) =>
      execFileSync('bash', ['-euo', 'pipefail', '-c', script], { cwd: ROOT, encoding: 'utf8' });

    const out1 = run(adapt(first));
    assert.match(out1, /subscription [0-9a-f-]{36}/);
    assert.match(out1, /"matched":1/);
    await waitFor(
      () => receiver.output().includes('extension 2001 is Busy'),
      'the receiver to print the event',
    );

    // Step 3 reads the attempt log; the receiver has answered, so the record lands within a flush.
    let out2 = '';
    await waitFor(() => {
      out2 = run(
        adapt(first.replace(/# 1\.[\s\S]*/, '')) +
          adapt(`SUB=${/subscription (\S+)/.exec(out1)?.[1]}\n${rest}`),
      );
      return out2.includes('"state":"delivered"');
    }, 'the delivery to be recorded');
    const detail = JSON.parse(out2.trim());
    assert.equal(detail.delivery.state, 'delivered');
    assert.equal(detail.attempts[0].status, 200);
  } finally {
    receiver.child.kill('SIGTERM');
    server.child.kill('SIGTERM');
    await Promise.all([waitForExit(receiver.child), waitForExit(server.child)]);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
