import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import semver from 'semver';

// `npm install` on a fresh clone must print no EBADENGINE warning on the oldest Node the project
// supports (docs/decisions.md "Packaging"): every package the lockfile installs, development tools
// included, must accept that version. Checked on the lockfile, so a dependency that raises its
// minimum fails here at once instead of as a warning someone may not read.
const root = new URL('../../../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8'));

test('every package in the lockfile accepts the oldest supported Node', () => {
  const oldest = semver.minVersion(manifest.engines.node);
  assert.ok(oldest, `engines.node "${manifest.engines.node}" names a version`);
  const refusing = Object.entries(
    lock.packages as Record<string, { version?: string; engines?: { node?: string } }>,
  )
    .filter(([path, entry]) => path !== '' && typeof entry.engines?.node === 'string')
    .filter(([, entry]) => !semver.satisfies(oldest, entry.engines?.node ?? '*'))
    .map(
      ([path, entry]) =>
        `${path.replace(/^.*node_modules\//, '')}@${entry.version}: node ${entry.engines?.node}`,
    );
  assert.deepEqual(refusing, [], `these want a newer Node than ${oldest}`);
});
