import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { promisify } from 'node:util';

const ROOT = new URL('../', import.meta.url).pathname;

/**
 * CI's proof that the benchmark still works: every scenario at smoke sizes, no
 * thresholds. The figures are printed, not judged: speed belongs in `npm run bench`.
 */
test('npm run bench -- --smoke runs every scenario and writes its results', {
  timeout: 420_000,
}, async (t) => {
  const before = new Set(safeList());
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'bench/run.ts', '--smoke'],
    {
      cwd: ROOT,
      maxBuffer: 10 * 1024 * 1024,
    },
  );
  t.diagnostic(stdout);
  for (const id of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']) {
    assert.match(
      stdout,
      new RegExp(`^\\| ${id} \\| .+\\| \\d`, 'm'),
      `scenario ${id} printed a measured row`,
    );
  }
  assert.doesNotMatch(stdout, /NaN|n\/a/);
  // Scenario 6 has several rows; the CPU-per-attempt ones must be measured too (a ratio printed).
  for (const how of ['all delivered', 'all failed: refused connections', 'all failed: answered 500'])
    assert.match(
      stdout,
      new RegExp(`^\\| 6 \\| server CPU µs per attempt, \\d+ attempts ${how} \\| \\d`, 'm'),
    );
  // PostgreSQL throughput is part of every run; only a machine without PostgreSQL may leave it
  // out, and never under CI (it must be reachable there).
  const measuredElsewhere = stdout
    .replace(/^\| 2 \| deliveries\/s, postgres.*$/m, '')
    .replace(/^\| P \| BullMQ.*$/m, '');
  assert.doesNotMatch(measuredElsewhere, /not measured/);
  if (process.env.CI === 'true' || !/deliveries\/s, postgres\b.*not measured/.test(stdout)) {
    for (const fanout of [1, 10])
      assert.match(stdout, new RegExp(`^\\| 2 \\| deliveries/s, postgres, fan-out ${fanout} \\| \\d`, 'm'));
  }
  // The peer row likewise: BullMQ on the machine's Redis, required under CI.
  if (process.env.CI === 'true' || !/\| P \| BullMQ.*not measured/.test(stdout)) {
    assert.match(stdout, /^\| P \| BullMQ \+ Redis worker → receiver \(deliveries\/s\).* \| \d/m);
    assert.match(stdout, /^\| 2 \| deliveries\/s, sqlite, fan-out 10 \| .*× BullMQ/m);
  }
  const written = safeList().filter((f) => !before.has(f));
  assert.ok(written.some((f) => f.endsWith('.json')) && written.some((f) => f.endsWith('.md')));
  const json = JSON.parse(
    readFileSync(`${ROOT}bench/results/${written.find((f) => f.endsWith('.json'))}`, 'utf8'),
  );
  assert.equal(json.smoke, true);
});

function safeList(): string[] {
  try {
    return readdirSync(`${ROOT}bench/results`);
  } catch {
    return [];
  }
}
