/** The parts of a JSON Schema the walk needs. */
export interface SchemaShape {
  type?: unknown;
  properties?: Record<string, SchemaShape>;
  items?: SchemaShape;
}

/**
 * Hints for the mistakes people actually make. The Pipedream bug (`expiresIn` inside
 * `deliveryMode`, silently ignored by RingCentral, §2.3) is why warnings exist at all.
 */
const HINTS: Record<string, string> = {
  'deliveryMode.expiresIn': 'did you mean top-level expiresIn?',
  'deliveryMode.validationToken':
    'RingCentral sends the secret in the Verification-Token header, set with deliveryMode.verificationToken ' +
    '(ringcentral-protocol.md §5.2)',
  'deliveryMode.eventFilters': 'did you mean top-level eventFilters?',
  verificationToken: 'did you mean deliveryMode.verificationToken?',
  address: 'did you mean deliveryMode.address?',
  transportType: 'did you mean deliveryMode.transportType?',
  events: 'did you mean eventFilters?',
};

/**
 * Fields of a request body that its schema does not know, as `warnings` (docs/decisions.md
 * "Subscriptions": accepted, as RingCentral does, but reported back).
 *
 * @example
 * unknownFieldWarnings(createSubscriptionBody(config), { deliveryMode: { expiresIn: 60 } });
 * // → ['unknown field deliveryMode.expiresIn was ignored; did you mean top-level expiresIn?']
 */
export function unknownFieldWarnings(schema: SchemaShape, value: unknown): string[] {
  return unknownFields(schema, value, '').map((path) => {
    const hint = HINTS[path];
    return `unknown field ${path} was ignored${hint ? `; ${hint}` : ''}`;
  });
}

function unknownFields(schema: SchemaShape, value: unknown, prefix: string): string[] {
  if (Array.isArray(value)) {
    const items = schema.items;
    return items ? value.flatMap((item, i) => unknownFields(items, item, `${prefix}[${i}]`)) : [];
  }
  if (typeof value !== 'object' || value === null || !schema.properties) return [];
  const out: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const property = Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
    if (property === undefined) out.push(path);
    else out.push(...unknownFields(property, child, path));
  }
  return out;
}
