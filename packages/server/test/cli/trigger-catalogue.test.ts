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
import { GUIDE_BODY_SCHEMAS } from './support/guide-body-schemas.js';
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

/**
 * The documented filters (documented-event-filters.ts) `trigger` has no kind for, each with why:
 * RingCentral publishes no body for them, or published events never reach them.
 */
const FILTERS_WITHOUT_KINDS: Readonly<Record<string, string>> = {
  '/restapi/v1.0/subscription/~':
    "the renewal reminder is sent by the server's scheduler to the one subscription it is about; published events never match it",
  '/restapi/v1.0/glip/webhooks':
    'RingCentral documents no event body for it: the OpenAPI spec has only its REST operations, the guide no event page',
  '/webinar/configuration/v1/company/sessions':
    'the guide says only that it fires when a session is created or modified: no field table, no sample, no schema',
  '/webinar/registration/v1/company/sessions/registrants':
    'the guide says only that it fires when a registrant is created or modified: no field table, no sample, no schema',
};

test("the kinds without a spec schema follow the developer guide's page for their event", () => {
  const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: true });
  const guided = TRIGGER_KINDS.filter((k) => k.schema === null || GUIDE_BODY_SCHEMAS[k.name]);
  for (const kind of TRIGGER_KINDS.filter((k) => k.schema === null))
    assert.ok(GUIDE_BODY_SCHEMAS[kind.name], `${kind.name}: no spec schema and no guide schema`);
  for (const kind of guided) {
    const schema = GUIDE_BODY_SCHEMAS[kind.name];
    if (!schema) continue;
    const validate = ajv.compile(schema);
    for (const draft of kind.build(INPUT))
      assert.ok(
        validate(draft.body),
        `${kind.name}: ${JSON.stringify(validate.errors, null, 2)}\n${JSON.stringify(draft.body)}`,
      );
  }
  assert.ok(guided.length >= 9, `${guided.length} kinds checked against the guide`);
  // Not a rubber stamp either: a field the guide does not name, or a wrong enum value, is refused.
  const dnd = ajv.compile(GUIDE_BODY_SCHEMAS['presence-dnd'] as object);
  assert.equal(dnd({ extensionId: '2001', dndStatus: 'TakeAllCalls', presenceStatus: 'Busy' }), false);
  assert.equal(dnd({ extensionId: '2001', dndStatus: 'Sleeping' }), false);
});

test('every filter the developer guide documents has a kind, but those RingCentral gives no body', () => {
  const filters = new Set(TRIGGER_KINDS.map((k) => k.filter));
  for (const filter of DOCUMENTED_EVENT_FILTERS) {
    const reason = FILTERS_WITHOUT_KINDS[filter];
    if (reason) assert.ok(!filters.has(filter), `${filter} has a kind now: drop it from the list`);
    else assert.ok(filters.has(filter), `no kind for the documented filter ${filter}`);
  }
  for (const filter of Object.keys(FILTERS_WITHOUT_KINDS))
    assert.ok(DOCUMENTED_EVENT_FILTERS.includes(filter), `${filter} is not a documented filter`);
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

test('docs/cli.md lists every kind with its event filter, and the filters without one', () => {
  const docs = readFileSync(new URL('../../../../docs/cli.md', import.meta.url), 'utf8');
  for (const filter of Object.keys(FILTERS_WITHOUT_KINDS))
    assert.ok(docs.includes(`\`${filter}\``), `docs/cli.md says why ${filter} has no kind`);
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
