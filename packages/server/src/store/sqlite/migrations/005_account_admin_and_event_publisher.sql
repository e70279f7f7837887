-- Issue 16 finding 6. The account-admin role (RingCentral's admin permissions: account-wide
-- filters and other extensions of the account), and which token published each event, so a
-- publisher reads only the deliveries of its own events.
--
-- SQLite cannot change a CHECK constraint in place: the tokens table is rebuilt with the new one
-- (https://www.sqlite.org/lang_altertable.html, "other kinds of table schema changes").
CREATE TABLE tokens_with_account_admin (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'account-admin', 'publisher', 'user')),
  account_id TEXT NOT NULL,
  extension_id TEXT NOT NULL,
  hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
INSERT INTO tokens_with_account_admin (id, name, role, account_id, extension_id, hash, created_at, revoked_at)
  SELECT id, name, role, account_id, extension_id, hash, created_at, revoked_at FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_with_account_admin RENAME TO tokens;

-- The id of the token that published the event; NULL for events from before this migration and
-- for renewal reminders, which no token publishes.
ALTER TABLE events ADD COLUMN published_by TEXT;
