import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

// docs/architecture.md's map of packages/server/src is how a newcomer finds their way: it must
// name every folder that exists (nested ones such as `api/routes/` included) and none that does not.

const srcRoot = fileURLToPath(new URL('../../src', import.meta.url));
const doc = readFileSync(new URL('../../../../docs/architecture.md', import.meta.url), 'utf8');

/** Every folder under src, relative to it, with a trailing slash: `api/`, `api/routes/`, … */
function foldersOnDisk(dir: string = srcRoot, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = join(dir, entry.name);
    out.push(`${relative(srcRoot, full)}/`);
    foldersOnDisk(full, out);
  }
  return out;
}

/** The folders the map names: each list item of the map section starts with a `folder/`. */
function foldersInMap(): string[] {
  const section = doc.split(/^## /m).find((part) => part.startsWith('Map of packages/server/src'));
  assert.ok(section, 'docs/architecture.md has a "## Map of packages/server/src" section');
  return [...section.matchAll(/^- `([a-z0-9/-]+\/)`/gm)].map((m) => m[1] ?? '');
}

test('docs/architecture.md maps every folder of packages/server/src', () => {
  const named = new Set(foldersInMap());
  const missing = foldersOnDisk().filter((folder) => !named.has(folder));
  assert.deepEqual(missing, [], 'folders on disk that the map does not name');
});

test('docs/architecture.md maps no folder that does not exist', () => {
  const onDisk = new Set(foldersOnDisk());
  const invented = foldersInMap().filter((folder) => !onDisk.has(folder));
  assert.deepEqual(invented, [], 'folders the map names that are not on disk');
});

test('each folder is named once in the map', () => {
  const named = foldersInMap();
  assert.deepEqual(
    named.filter((folder, i) => named.indexOf(folder) !== i),
    [],
  );
});
