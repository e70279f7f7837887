import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

// The layering of packages/server/src, checked on the source text: every relative import is an
// arrow between two files; the rules below say which arrows may not exist (docs/architecture.md).
const srcRoot = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** file (relative to src) → files it imports (relative to src), type-only imports included. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(srcRoot)) {
    const from = relative(srcRoot, file);
    const targets: string[] = [];
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      if (spec === undefined || !spec.startsWith('.')) continue;
      const target = relative(srcRoot, resolve(dirname(file), spec)).replace(/\.js$/, '.ts');
      if (target.endsWith('.ts')) targets.push(target);
    }
    graph.set(from, targets);
  }
  return graph;
}

/** Strongly connected components of more than one file (or a file importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    indexOf.set(node, index);
    low.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexOf.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, indexOf.get(next) ?? 0));
      }
    }
    if (low.get(node) === indexOf.get(node)) {
      const component: string[] = [];
      let member: string | undefined;
      do {
        member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indexOf.has(node)) visit(node);
  return found;
}

const topFolder = (file: string): string => file.split('/')[0] ?? file;

/** Arrows that may not exist: files in `from` import nothing in `to`. */
const FORBIDDEN: { from: string; to: string; why: string }[] = [
  { from: 'handshake', to: 'dispatcher', why: 'outbound HTTP lives in outbound/, shared by both' },
  { from: 'api', to: 'dispatcher', why: 'routes reach the dispatcher through the app context only' },
  { from: 'subscriptions', to: 'api', why: 'the subscription lifecycle is framework-free' },
  { from: 'publish', to: 'api', why: 'publishing is framework-free' },
  { from: 'store', to: 'filters', why: 'the store sits below matching' },
  { from: 'store', to: 'api', why: 'the store knows nothing of HTTP' },
  { from: 'outbound', to: 'dispatcher', why: 'outbound is below the dispatcher and the handshake' },
  { from: 'outbound', to: 'handshake', why: 'outbound is below the dispatcher and the handshake' },
  { from: 'tokens', to: 'api', why: 'token handling is shared by the API, the bootstrap and the CLI' },
];

test('no import cycle in packages/server/src', () => {
  assert.deepEqual(cycles(importGraph()), []);
});

for (const rule of FORBIDDEN) {
  test(`${rule.from}/ imports nothing from ${rule.to}/ (${rule.why})`, () => {
    const offending: string[] = [];
    for (const [from, targets] of importGraph()) {
      if (topFolder(from) !== rule.from) continue;
      for (const target of targets) if (topFolder(target) === rule.to) offending.push(`${from} → ${target}`);
    }
    assert.deepEqual(offending, []);
  });
}

test('no source file in packages/server/src is over 300 lines', () => {
  const long = sourceFiles(srcRoot)
    .map((file) => ({ file: relative(srcRoot, file), lines: readFileSync(file, 'utf8').split('\n').length }))
    .filter(({ lines }) => lines > 300)
    .map(({ file, lines }) => `${file}: ${lines}`);
  assert.deepEqual(long, []);
});

test('the cycle finder finds a cycle (so its empty answer above means something)', () => {
  const graph = new Map([
    ['a.ts', ['b.ts']],
    ['b.ts', ['c.ts']],
    ['c.ts', ['a.ts']],
    ['d.ts', ['a.ts']],
  ]);
  assert.deepEqual(cycles(graph), [['a.ts', 'b.ts', 'c.ts']]);
});
