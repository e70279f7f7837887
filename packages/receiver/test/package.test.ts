// The receiver is installed into other people's apps: it must stay free of runtime
// dependencies (docs/architecture.md "Chosen dependencies"), and every export must point at a file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const packageRoot = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as Record<
  string,
  unknown
>;

test('@switchboard/receiver has no runtime dependencies', () => {
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
    const value = manifest[field];
    assert.ok(
      value === undefined || Object.keys(value as object).length === 0,
      `${field} must be empty, found ${JSON.stringify(value)}`,
    );
  }
});

test('every export points at an existing source file', () => {
  const exports = manifest.exports as Record<string, string>;
  assert.deepEqual(Object.keys(exports), ['.', './node', './express', './fastify', './fetch']);
  for (const [name, path] of Object.entries(exports)) {
    assert.ok(existsSync(new URL(path, packageRoot)), `${name} → ${path}`);
  }
});

test('the sources import nothing but node: built-ins, relative files and type-only framework types', async () => {
  const { readdirSync } = await import('node:fs');
  const sourceRoot = new URL('src/', packageRoot);
  const files = readdirSync(sourceRoot, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.ts'),
  );
  for (const file of files) {
    const text = readFileSync(new URL(file, sourceRoot), 'utf8');
    for (const match of text.matchAll(/^import (type )?.*? from '([^']+)';$/gms)) {
      const [, typeOnly, specifier = ''] = match;
      const allowed = specifier.startsWith('.') || specifier.startsWith('node:') || typeOnly !== undefined;
      assert.ok(allowed, `${file} imports ${specifier} at runtime`);
    }
  }
});
