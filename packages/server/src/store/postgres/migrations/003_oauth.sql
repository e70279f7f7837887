-- OAuth for RingCentral apps (issue 13): registered apps, JWT credentials, token sessions,
-- authorization codes, and the key Switchboard signs credentials with. Secrets and tokens are
-- stored as SHA-256 hashes only; the signing key never leaves the database.
CREATE TABLE oauth_apps (
  client_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  grants JSONB NOT NULL,
  redirect_uris JSONB NOT NULL,
  scope TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

CREATE TABLE oauth_credentials (
  id TEXT PRIMARY KEY,
  client_id TEXT,
  account_id TEXT NOT NULL,
  extension_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'publisher', 'user')),
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE oauth_sessions (
  id TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  extension_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'publisher', 'user')),
  endpoint_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  access_hash TEXT NOT NULL UNIQUE,
  access_expires_at BIGINT NOT NULL,
  refresh_hash TEXT NOT NULL UNIQUE,
  refresh_expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);

CREATE TABLE oauth_codes (
  hash TEXT PRIMARY KEY,
  client_id TEXT NOT NULL,
  account_id TEXT NOT NULL,
  extension_id TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'publisher', 'user')),
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT,
  expires_at BIGINT NOT NULL
);

CREATE TABLE oauth_signing_keys (
  id TEXT PRIMARY KEY,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- Who-am-I (issue 13): the names, numbers and status RingCentral's AccountInfo and ExtensionInfo
-- answer. A row is optional: an account or extension without one is answered with defaults.
CREATE TABLE directory_accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  main_number TEXT NOT NULL,
  status TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE directory_extensions (
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  extension_number TEXT NOT NULL,
  email TEXT,
  status TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, id)
);
