// The receiver is installed into other people's apps: it must stay free of runtime
// dependencies (docs/architecture.md "Chosen dependencies"), and every export must point at a build of a
// source file. That the builds work when installed is tested from the packed tarball, in
// packages/server/test/packaging/.
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

test('every export has ESM and CommonJS builds, each with its types, compiled from a source file', () => {
  const exports = manifest.exports as Record<string, Record<string, Record<string, string>>>;
  assert.deepEqual(Object.keys(exports), ['.', './node', './express', './fastify', './fetch']);
  for (const [name, conditions] of Object.entries(exports)) {
    assert.deepEqual(Object.keys(conditions), ['import', 'require'], name);
    for (const [condition, dir] of [
      ['import', 'dist/esm/'],
      ['require', 'dist/commonjs/'],
    ] as const) {
      const { types, default: code = '' } = conditions[condition] ?? {};
      assert.equal(Object.keys(conditions[condition] ?? {})[0], 'types', `${name}: types come first`);
      assert.ok(code.startsWith(`./${dir}`) && code.endsWith('.js'), `${name} ${condition} → ${code}`);
      assert.equal(types, code.replace(/\.js$/, '.d.ts'), `${name} ${condition} types`);
      const source = code.replace(`./${dir}`, 'src/').replace(/\.js$/, '.ts');
      assert.ok(existsSync(new URL(source, packageRoot)), `${name} → ${source}`);
    }
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
