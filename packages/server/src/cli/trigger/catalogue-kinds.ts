import { RINGCENTRAL_EVENT_FILTERS } from '../../filters/ringcentral-event-filters.js';
import { CATALOGUE_BODIES } from './catalogue-bodies.js';
import { type EventDraft, iso, numericId, type TriggerInput } from './trigger-input.js';
import type { TriggerKind } from './trigger-kind.js';

/** The time the generated bodies carry (scripts/generate-trigger-bodies.ts); replaced by now. */
const SAMPLE_TIME = '2026-01-08T10:00:00.000Z';

/**
 * A kind for every (filter, event schema) pair of the event-filter catalogue that no written kind
 * covers, named after the schema (`MissedCallEvent` → `missed-call`), its body generated from the
 * schema (catalogue-bodies.ts) with the ids and times of the run filled in.
 *
 * @example
 * catalogueKinds(WRITTEN_KINDS).map((k) => k.name); // ['call-queue-presence', 'extension-list', …]
 */
export function catalogueKinds(written: readonly TriggerKind[]): TriggerKind[] {
  const taken = new Set(written.map((k) => k.name));
  const covered = new Set(written.map((k) => `${k.filter} ${k.schema}`));
  const kinds: TriggerKind[] = [];
  for (const { path, events } of RINGCENTRAL_EVENT_FILTERS) {
    for (const schema of events) {
      if (covered.has(`${path} ${schema}`)) continue;
      const name = uniqueName(kebab(schema.replace(/Event$/, '')), path, taken);
      taken.add(name);
      kinds.push({
        name,
        // `trigger --help` prints the filter under it.
        description: `${schema}, generated from RingCentral's schema`,
        size: 1,
        filter: path,
        schema,
        build: (input) => [generated(path, schema, input)],
      });
    }
  }
  return kinds;
}

function generated(filter: string, schema: string, input: TriggerInput): EventDraft {
  const event = filter
    .replace('{accountId}', input.accountId)
    .replace('{extensionId}', input.extensionId)
    .replace(/\{\w+\}/g, () => numericId(9));
  return { event, body: fill(CATALOGUE_BODIES[schema], input) as Record<string, unknown>, label: schema };
}

/** The sample with the run's ids (kept in the sample's type) and the current time. */
function fill(value: unknown, input: TriggerInput, key = ''): unknown {
  if (Array.isArray(value)) return value.map((v) => fill(v, input));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, input, k)]));
  const id =
    key === 'accountId'
      ? input.accountId
      : key === 'extensionId' || key === 'ownerId'
        ? input.extensionId
        : null;
  if (id !== null) return typeof value === 'number' ? Number(id) : id;
  if (value === SAMPLE_TIME) return iso(input.now);
  return value;
}

function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** The schema's name, or with the filter's scope in front when two filters deliver one schema. */
function uniqueName(name: string, path: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  const scope = path.includes('/extension/') ? 'extension' : 'account';
  return taken.has(`${scope}-${name}`) ? `${scope}-${name}-${taken.size}` : `${scope}-${name}`;
}
