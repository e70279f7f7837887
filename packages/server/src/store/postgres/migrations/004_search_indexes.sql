-- Server-wide search (GET /v1/deliveries, GET /v1/events) pages newest first by (created_at, id).
-- These indexes let a page walk rows in that order and stop after `limit`, however many rows the
-- table holds; the state index serves the most common filter (`--state dead`). Measured in
-- bench/ (search page at 1,000,000 deliveries).
CREATE INDEX deliveries_created ON deliveries (created_at, id);
CREATE INDEX deliveries_state_created ON deliveries (state, created_at, id);
CREATE INDEX events_account_created ON events (account_id, created_at, id);
CREATE INDEX events_created_id ON events (created_at, id);
