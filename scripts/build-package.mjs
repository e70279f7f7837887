#!/usr/bin/env node
// Builds the package in the current directory into dist/ with tsc (tsconfig.build.json there):
// dist/ is removed first, so a renamed or deleted source file never ships from an old build.
//
// Usage (from a package's `build` script):
//   node ../../scripts/build-package.mjs --esm <dir> [--cjs <dir>] [--assets]
//   --esm <dir>  ES modules, .d.ts, declaration and source maps
//   --cjs <dir>  a second pass as CommonJS for require() (with a package.json saying so, which
//                also makes TypeScript read the .d.ts files there as CommonJS types)
//   --assets     copies every file of src/ that is not TypeScript (SQL migrations) next to the
//                compiled modules, where they are read at run time
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { esm: { type: 'string' }, cjs: { type: 'string' }, assets: { type: 'boolean' } },
});
if (!values.esm) throw new Error('build-package: --esm <dir> is required');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Runs tsc with tsconfig.build.json and extra flags; exits with its status if it fails. */
function compile(flags) {
  const { status } = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...flags], {
    stdio: 'inherit',
  });
  if (status !== 0) process.exit(status ?? 1);
}

rmSync('dist', { recursive: true, force: true });
compile(['--outDir', values.esm]);
if (values.cjs) {
  // verbatimModuleSyntax forbids `import` in a CommonJS output; the sources stay ES modules.
  compile([
    '--outDir',
    values.cjs,
    '--module',
    'commonjs',
    '--moduleResolution',
    'node10',
    '--verbatimModuleSyntax',
    'false',
  ]);
  writeFileSync(join(values.cjs, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);
}
if (values.assets) {
  for (const file of readdirSync('src', { recursive: true, withFileTypes: true })) {
    if (!file.isFile() || file.name.endsWith('.ts')) continue;
    const from = join(file.parentPath, file.name);
    const to = join(values.esm, from.slice('src/'.length));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  }
}
