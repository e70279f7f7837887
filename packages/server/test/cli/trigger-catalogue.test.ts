import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import {
  bodiesSource,
  bodySchema,
  specPath,
  specSchemas,
} from '../../../../scripts/generate-trigger-bodies.js';
import { TRIGGER_KINDS } from '../../src/cli/trigger/trigger-kinds.js';
import { DOCUMENTED_EVENT_FILTERS } from '../../src/filters/documented-event-filters.js';
import { RINGCENTRAL_EVENT_FILTERS } from '../../src/filters/ringcentral-event-filters.js';
import { startCliServer } from './support/cli-server.js';
import { runCliInProcess } from './support/run-cli.js';

const schemas = specSchemas(readFileSync(specPath(), 'utf8'));
const INPUT = {
  accountId: '1001',
  extensionId: '2001',
  direction: 'Inbound' as const,
  from: '+16505550123',
  to: '+16505550100',
  text: undefined,
  now: Date.now(),
  n: 0,
};

/** RingCentral's OpenAPI 3.0 schemas as JSON Schema: `#/components/schemas/…` resolves in the root. */
function validator(event: string) {
  // OpenAPI's `nullable`, `example` and its formats (int64, …) are not JSON Schema's; types,
  // enums, required fields and nesting are what a receiver relies on.
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  return ajv.compile({ ...bodySchema(event, schemas), components: { schemas } });
}

test("every trigger kind's body validates against RingCentral's published schema for its event", () => {
  const checked: string[] = [];
  for (const kind of TRIGGER_KINDS) {
    if (kind.schema === null) continue;
    const validate = validator(kind.schema);
    for (const draft of kind.build(INPUT)) {
      assert.ok(
        validate(draft.body),
        `${kind.name} (${kind.schema}): ${JSON.stringify(validate.errors, null, 2)}\n${JSON.stringify(draft.body)}`,
      );
    }
    checked.push(kind.name);
  }
  assert.ok(checked.length >= 20, `${checked.length} kinds checked`);
  // The validator is not a rubber stamp: a wrong type and a value outside an enum are refused.
  const presence = validator('ExtensionPresenceEvent');
  assert.equal(presence({ presenceStatus: 'Sleepy' }), false);
  assert.equal(presence({ sequence: 'one' }), false);
});

test('the kinds and the event-filter catalogue match: every catalogued event has a kind, every kind a catalogued filter', () => {
  const kinds = new Set(TRIGGER_KINDS.map((k) => `${k.filter} ${k.schema}`));
  for (const { path, events } of RINGCENTRAL_EVENT_FILTERS)
    for (const event of events) assert.ok(kinds.has(`${path} ${event}`), `no kind for ${event} at ${path}`);
  const filters = new Set([...RINGCENTRAL_EVENT_FILTERS.map((e) => e.path), ...DOCUMENTED_EVENT_FILTERS]);
  for (const kind of TRIGGER_KINDS)
    assert.ok(filters.has(kind.filter), `${kind.name}: ${kind.filter} is not catalogued`);
  assert.equal(new Set(TRIGGER_KINDS.map((k) => k.name)).size, TRIGGER_KINDS.length, 'names are unique');
  for (const kind of TRIGGER_KINDS) {
    for (const draft of kind.build(INPUT)) {
      const pattern = new RegExp(`^${kind.filter.replace(/\{\w+\}/g, '[^/?]+')}(\\?|$)`);
      assert.match(draft.event, pattern, `${kind.name} publishes at its filter`);
      assert.doesNotMatch(draft.event, /[{}~]/, `${kind.name}: concrete ids only`);
    }
  }
});

test('the generated bodies are what the spec generates (regenerate with scripts/generate-trigger-bodies.ts)', () => {
  const committed = readFileSync(
    new URL('../../src/cli/trigger/catalogue-bodies.ts', import.meta.url),
    'utf8',
  );
  assert.equal(committed, bodiesSource(schemas));
});

test('docs/cli.md lists every kind with its event filter', () => {
  const docs = readFileSync(new URL('../../../../docs/cli.md', import.meta.url), 'utf8');
  for (const kind of TRIGGER_KINDS) {
    const row = docs.split('\n').find((line) => line.startsWith(`| \`${kind.name}\` |`));
    assert.ok(row, `docs/cli.md has a row for ${kind.name}`);
    const shown = kind.filter
      .replace('/restapi/v1.0/account/{accountId}', '…')
      .replace('{extensionId}', '{e}');
    assert.ok(
      row.includes(kind.filter) || row.includes(shown),
      `${kind.name}'s row names ${kind.filter}: ${row}`,
    );
  }
});

test('every kind publishes through a real server, at a concrete path of its filter', async () => {
  const server = await startCliServer();
  try {
    for (const kind of TRIGGER_KINDS) {
      const result = await runCliInProcess(['trigger', kind.name, '--json'], server.env);
      assert.equal(result.code, 0, `${kind.name}: ${result.stderr}`);
      assert.equal(JSON.parse(result.stdout).published, kind.size, kind.name);
    }
  } finally {
    await server.stop();
  }
});
