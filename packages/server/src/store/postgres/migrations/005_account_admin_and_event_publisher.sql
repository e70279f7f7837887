-- Issue 16 finding 6. The account-admin role (RingCentral's admin permissions: account-wide
-- filters and other extensions of the account), and which token published each event, so a
-- publisher reads only the deliveries of its own events.
ALTER TABLE tokens DROP CONSTRAINT tokens_role_check;
ALTER TABLE tokens ADD CONSTRAINT tokens_role_check
  CHECK (role IN ('admin', 'account-admin', 'publisher', 'user'));

-- The id of the token that published the event; NULL for events from before this migration and
-- for renewal reminders, which no token publishes.
ALTER TABLE events ADD COLUMN published_by TEXT;
