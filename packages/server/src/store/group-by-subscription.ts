/**
 * `rows` reordered subscription by subscription (in the order each first appears), each
 * subscription's in their given order. A publish makes and writes its deliveries in this order
 * (publish-events.ts, both stores' events.ts): a claim and a batch of outcomes mostly touch one
 * subscription's rows, and written event by event those lay one to a table page; and ids made in
 * this order reach every index keyed by id at its end (docs/performance.md "Fifth round").
 *
 * @example
 * groupBySubscription([{ s: 'a' }, { s: 'b' }, { s: 'a' }], (r) => r.s); // a, a, b
 */
export function groupBySubscription<T>(rows: Iterable<T>, subscriptionOf: (row: T) => string): T[] {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const id = subscriptionOf(row);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return [...groups.values()].flat();
}
