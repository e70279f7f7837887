-- Switchboard schema, PostgreSQL. The same tables and columns as the SQLite schema, so both
-- backends map to one model: times are epoch milliseconds (BIGINT), ids are text, lists are JSONB.
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'publisher', 'user')),
  account_id TEXT NOT NULL,
  extension_id TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  extension_id TEXT NOT NULL,
  event_filters JSONB NOT NULL,
  address TEXT NOT NULL,
  verification_token TEXT,
  signing_secrets JSONB NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('Active', 'Blacklisted', 'Expired')),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  expires_in BIGINT NOT NULL,
  blacklisted_at BIGINT,
  blacklisted_reason TEXT,
  probe_enabled BOOLEAN NOT NULL DEFAULT TRUE,
  next_probe_at BIGINT,
  failing_since BIGINT,
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  last_success_at BIGINT,
  reminder_threshold INTEGER,
  reminder_interval INTEGER,
  last_reminder_at BIGINT,
  updated_at BIGINT NOT NULL
);
CREATE INDEX subscriptions_owner ON subscriptions (account_id, extension_id);
CREATE INDEX subscriptions_expiry ON subscriptions (status, expires_at);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  path TEXT NOT NULL,
  -- TEXT, not JSONB: the body is kept byte for byte as published and signed as such.
  body_json TEXT NOT NULL,
  publisher_id TEXT,
  created_at BIGINT NOT NULL,
  matched INTEGER NOT NULL
);
-- Idempotent publishing rests on this index: INSERT … ON CONFLICT DO NOTHING, then read back.
CREATE UNIQUE INDEX events_publisher_id ON events (account_id, publisher_id) WHERE publisher_id IS NOT NULL;
CREATE INDEX events_created ON events (created_at);

CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  uuid TEXT NOT NULL,
  event_id TEXT NOT NULL,
  subscription_id TEXT NOT NULL,
  filter TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead', 'expired')),
  attempts INTEGER NOT NULL DEFAULT 0,
  retry_step INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  locked_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  last_status INTEGER,
  last_error TEXT
);
-- The dispatcher's claim reads this index only: pending rows in due order.
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX deliveries_subscription ON deliveries (subscription_id, created_at);
CREATE INDEX deliveries_event ON deliveries (event_id);
CREATE INDEX deliveries_delivered ON deliveries (updated_at) WHERE state = 'delivered';

CREATE TABLE attempts (
  delivery_id TEXT NOT NULL,
  attempt_no INTEGER NOT NULL,
  started_at BIGINT NOT NULL,
  latency_ms INTEGER NOT NULL,
  status INTEGER,
  error TEXT,
  response_snippet TEXT,
  PRIMARY KEY (delivery_id, attempt_no)
);
