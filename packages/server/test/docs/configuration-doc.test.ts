import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { test } from 'node:test';
import { DEFAULTS, envName, resolveConfig } from '../../src/config.js';

const doc = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');
const documented = new Map(
  [...doc.matchAll(/^\| *`(\w+)` *\| *([^|]+?) *\|/gm)].map((m) => [m[1] ?? '', (m[2] ?? '').trim()]),
);

test('docs/configuration.md documents every configuration key and nothing else', () => {
  assert.deepEqual([...documented.keys()].sort(), Object.keys(DEFAULTS).sort());
});

test('documented defaults are the real defaults', () => {
  for (const [key, value] of Object.entries(DEFAULTS)) {
    const shown = documented.get(key) ?? '';
    if (key === 'senderThreads') {
      // The one default that depends on the machine: documented as the rule, checked as the value.
      assert.equal(shown, 'one less than `os.availableParallelism()`, at least `1`');
      assert.equal(value, Math.max(1, availableParallelism() - 1));
      continue;
    }
    const expected =
      value === null ? 'none' : `\`${Array.isArray(value) ? value.join(',') : String(value)}\``;
    assert.equal(shown, expected, `default of ${key}`);
  }
});

test('flags beat the environment, which beats the defaults', () => {
  const env = { [envName('port')]: '9001', [envName('deliveryTimeoutMs')]: '1500' };
  const config = resolveConfig({ env, flags: { port: '9002' } });
  assert.equal(config.port, 9002);
  assert.equal(config.deliveryTimeoutMs, 1500);
  assert.equal(config.retryScheduleMs.length, 10);
  assert.ok(Object.isFrozen(config));
});

test('an invalid value fails at start naming the key and its source', () => {
  assert.throws(
    () => resolveConfig({ env: { SWITCHBOARD_PORT: 'eighty' } }),
    /Invalid configuration port \(from environment\)/,
  );
  assert.throws(() => resolveConfig({ flags: { mode: 'staging' } }), /mode \(from flags\)/);
  assert.throws(() => resolveConfig({ env: { SWITCHBOARD_RETRY_SCHEDULE_MS: '5,x' } }), /retryScheduleMs/);
});

test('production mode binds every interface unless a host is given', () => {
  assert.equal(resolveConfig({ flags: { mode: 'production' } }).host, '0.0.0.0');
  assert.equal(resolveConfig({ flags: { mode: 'production', host: '10.0.0.5' } }).host, '10.0.0.5');
  assert.equal(resolveConfig({}).host, '127.0.0.1');
});
