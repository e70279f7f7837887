import type { Database } from 'better-sqlite3';
import {
  appFromRow,
  appValues,
  type CodeRow,
  type CredentialRow,
  codeFromRow,
  codeValues,
  credentialFromRow,
  credentialValues,
  type OAuthAppRow,
  type SessionRow,
  sessionFromRow,
  sessionValues,
} from '../oauth-rows.js';
import type { OAuthStore } from '../oauth-store.js';
import { prepared } from './prepared.js';

const LIVE_SESSION = 'SELECT * FROM oauth_sessions WHERE revoked_at IS NULL';

/** The OAuth tables on SQLite (store/oauth-store.ts); mirrored by store/postgres/oauth.ts. */
export function sqliteOAuthStore(db: Database): OAuthStore {
  const session = (sql: string, value: string) => {
    const row = prepared(db, `${LIVE_SESSION} AND ${sql}`).get(value) as SessionRow | undefined;
    return row ? sessionFromRow(row) : null;
  };
  return {
    createOAuthApp: async (app) => {
      prepared(
        db,
        `INSERT INTO oauth_apps (client_id, name, secret_hash, grants, redirect_uris, scope, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(...appValues(app));
    },
    findOAuthApp: async (clientId) => {
      const row = prepared(db, 'SELECT * FROM oauth_apps WHERE client_id = ?').get(clientId) as
        | OAuthAppRow
        | undefined;
      return row ? appFromRow(row) : null;
    },
    listOAuthApps: async () =>
      (prepared(db, 'SELECT * FROM oauth_apps ORDER BY created_at, client_id').all() as OAuthAppRow[]).map(
        appFromRow,
      ),
    deleteOAuthApp: async (clientId) =>
      db.transaction(() => {
        prepared(db, 'DELETE FROM oauth_sessions WHERE client_id = ?').run(clientId);
        prepared(db, 'DELETE FROM oauth_codes WHERE client_id = ?').run(clientId);
        return prepared(db, 'DELETE FROM oauth_apps WHERE client_id = ?').run(clientId).changes > 0;
      })(),

    createJwtCredential: async (credential) => {
      prepared(
        db,
        `INSERT INTO oauth_credentials (id, client_id, account_id, extension_id, role, created_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(...credentialValues(credential));
    },
    getJwtCredential: async (id) => {
      const row = prepared(db, 'SELECT * FROM oauth_credentials WHERE id = ?').get(id) as
        | CredentialRow
        | undefined;
      return row ? credentialFromRow(row) : null;
    },

    createOAuthSession: async (s) => {
      prepared(
        db,
        `INSERT INTO oauth_sessions (id, client_id, account_id, extension_id, role, endpoint_id, scope,
           access_hash, access_expires_at, refresh_hash, refresh_expires_at, created_at, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...sessionValues(s));
    },
    findSessionByAccessHash: async (hash) => session('access_hash = ?', hash),
    findSessionByRefreshHash: async (hash) => session('refresh_hash = ?', hash),
    rotateSessionTokens: async (id, expected, t) => {
      const row = prepared(
        db,
        `UPDATE oauth_sessions SET access_hash = ?, access_expires_at = ?, refresh_hash = ?, refresh_expires_at = ?
         WHERE id = ? AND refresh_hash = ? AND revoked_at IS NULL RETURNING *`,
      ).get(t.accessHash, t.accessExpiresAt, t.refreshHash, t.refreshExpiresAt, id, expected) as
        | SessionRow
        | undefined;
      return row ? sessionFromRow(row) : null;
    },
    revokeOAuthSession: async (id, at) =>
      prepared(db, 'UPDATE oauth_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(at, id)
        .changes > 0,

    createAuthorizationCode: async (code) => {
      prepared(
        db,
        `INSERT INTO oauth_codes (hash, client_id, account_id, extension_id, role, redirect_uri, code_challenge, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...codeValues(code));
    },
    consumeAuthorizationCode: async (hash, now) => {
      const row = prepared(db, 'DELETE FROM oauth_codes WHERE hash = ? RETURNING *').get(hash) as
        | CodeRow
        | undefined;
      return row && Number(row.expires_at) > now ? codeFromRow(row) : null;
    },

    signingKey: async (candidate, now) => {
      prepared(
        db,
        `INSERT INTO oauth_signing_keys (id, secret, created_at) VALUES ('jwt', ?, ?) ON CONFLICT DO NOTHING`,
      ).run(candidate, now);
      return (
        prepared(db, `SELECT secret FROM oauth_signing_keys WHERE id = 'jwt'`).get() as { secret: string }
      ).secret;
    },
  };
}
