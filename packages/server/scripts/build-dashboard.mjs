#!/usr/bin/env node
// Builds the dashboard's browser code into packages/server/dashboard-ui/build/ (what the server
// serves, src/dashboard/dashboard-assets.ts): one bundled, minified app.js (Preact + htm and the
// pages), app.css, index.html and the icon. Every asset is in the package: no CDN, works offline.
//
// Usage: node packages/server/scripts/build-dashboard.mjs   (or npm run build:dashboard -w packages/server)
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const ui = resolve(import.meta.dirname, '../dashboard-ui');
const out = join(ui, 'build');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: [join(ui, 'src/main.ts')],
  outfile: join(out, 'app.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'eof',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css', 'icon.svg']) copyFileSync(join(ui, file), join(out, file));
console.log(`dashboard built into ${out}`);
