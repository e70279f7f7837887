-- Ordered delivery per key (docs/ordering.md). A subscription that opted in carries its ordering
-- as JSON text ({"key": <key path or null for the per-event-type default>, "onDead": "skip"|"block"});
-- NULL means unordered, as every subscription made before this migration.
ALTER TABLE subscriptions ADD COLUMN ordering TEXT;

-- Each delivery of an ordered subscription carries its key and its place in the key's order
-- (a counter taken at publish, so later publishes of a key always sort after earlier ones).
-- Unordered deliveries leave both NULL and none of the indexes below hold them.
ALTER TABLE deliveries ADD COLUMN ordering_key TEXT;
ALTER TABLE deliveries ADD COLUMN ordering_seq INTEGER;
CREATE TABLE ordering_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT INTO ordering_counter (id, value) VALUES (1, 0);

-- The claim's head-of-key test: is there a pending delivery of this key earlier than this one, or
-- leased? Read from this index alone, and only for ordered rows.
CREATE INDEX deliveries_key_pending ON deliveries (subscription_id, ordering_key, ordering_seq, locked_until)
  WHERE state = 'pending' AND ordering_key IS NOT NULL;
-- With `onDead: block`, an earlier dead or expired delivery holds its key until redelivered.
CREATE INDEX deliveries_key_final ON deliveries (subscription_id, ordering_key, ordering_seq)
  WHERE state IN ('dead', 'expired') AND ordering_key IS NOT NULL;
