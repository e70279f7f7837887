-- Ordered delivery per key (docs/ordering.md). A subscription that opted in carries its ordering
-- ({"key": <key path or null for the per-event-type default>, "onDead": "skip"|"block"}); NULL
-- means unordered, as every subscription made before this migration.
ALTER TABLE subscriptions ADD COLUMN ordering JSONB;

-- Each delivery of an ordered subscription carries its key and its place in the key's order,
-- taken from one sequence at publish while the publish holds the key's lock (events.ts), so a
-- later publish of a key always sorts after an earlier one, whichever node made it. Unordered
-- deliveries leave both NULL and none of the indexes below hold them.
ALTER TABLE deliveries ADD COLUMN ordering_key TEXT;
ALTER TABLE deliveries ADD COLUMN ordering_seq BIGINT;
CREATE SEQUENCE ordering_counter;

-- The claim's head-of-key test: is there a pending delivery of this key earlier than this one, or
-- leased? Only ordered rows are in it. **`locked_until` is deliberately NOT a column of it**
-- (unlike SQLite's): a column in any index makes every lease update of every delivery a non-HOT
-- update that writes all of the table's indexes, which made unordered claims half as fast again.
CREATE INDEX deliveries_key_pending ON deliveries (subscription_id, ordering_key, ordering_seq)
  WHERE state = 'pending' AND ordering_key IS NOT NULL;
-- With `onDead: block`, an earlier dead or expired delivery holds its key until redelivered.
CREATE INDEX deliveries_key_final ON deliveries (subscription_id, ordering_key, ordering_seq)
  WHERE state IN ('dead', 'expired') AND ordering_key IS NOT NULL;
