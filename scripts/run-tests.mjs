#!/usr/bin/env node
// Runs every test file of every package with node:test (through tsx), under c8 so the
// receiver's line coverage is printed and enforced (>= 95 %). Node 20's --test takes no globs,
// so the files are listed here.
//
// Usage: node scripts/run-tests.mjs [path-substring ...]   (filters test files, skips coverage gate)
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const roots = ['packages/receiver/test', 'packages/server/test', 'examples', 'bench'];

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'fixtures') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

const filters = process.argv.slice(2);
let files = roots.flatMap((r) => walk(join(root, r), [])).sort();
if (filters.length) files = files.filter((f) => filters.some((s) => f.includes(s)));
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

// Multi-node tests run alone, after everything else: they use both cores for a minute and one of
// them restarts PostgreSQL, which would cut the connections of any other test using it.
const alone = (f) => f.includes('/multi-node/');
const shared = files.filter((f) => !alone(f));
const exclusive = files.filter(alone);

const c8 = [
  join(root, 'node_modules/c8/bin/c8.js'),
  // A temp directory of its own, so two runs at once do not wipe each other's coverage data.
  `--temp-directory=${join(root, 'coverage', `tmp-${process.pid}`)}`,
  '--clean',
  '--reporter=text-summary',
  '--reporter=text',
  '--include=packages/receiver/src/**',
  '--exclude-after-remap',
  ...(filters.length ? [] : ['--check-coverage', '--lines=95']),
];
const node = [
  process.execPath,
  '--import',
  'tsx',
  '--test',
  '--test-reporter=spec',
  `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`,
  ...shared,
];
let status = 0;
if (shared.length > 0) {
  status = spawnSync(process.execPath, [...c8, ...node], { cwd: root, stdio: 'inherit' }).status ?? 1;
}
if (exclusive.length > 0) {
  const args = ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...exclusive];
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  status ||= result.status ?? 1;
}
process.exit(status);
