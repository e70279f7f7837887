import type { Pool } from 'pg';
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
import { inTransaction } from './transaction.js';

const LIVE_SESSION = 'SELECT * FROM oauth_sessions WHERE revoked_at IS NULL';

/** The OAuth tables on PostgreSQL (store/oauth-store.ts); mirrors store/sqlite/oauth.ts. */
export function postgresOAuthStore(pool: Pool): OAuthStore {
  const session = async (sql: string, value: string) => {
    const { rows } = await pool.query<SessionRow>(prepared(`${LIVE_SESSION} AND ${sql}`, [value]));
    return rows[0] ? sessionFromRow(rows[0]) : null;
  };
  return {
    createOAuthApp: async (app) => {
      await pool.query(
        prepared(
          `INSERT INTO oauth_apps (client_id, name, secret_hash, grants, redirect_uris, scope, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          appValues(app),
        ),
      );
    },
    findOAuthApp: async (clientId) => {
      const { rows } = await pool.query<OAuthAppRow>(
        prepared('SELECT * FROM oauth_apps WHERE client_id = $1', [clientId]),
      );
      return rows[0] ? appFromRow(rows[0]) : null;
    },
    listOAuthApps: async () =>
      (
        await pool.query<OAuthAppRow>(prepared('SELECT * FROM oauth_apps ORDER BY created_at, client_id'))
      ).rows.map(appFromRow),
    deleteOAuthApp: async (clientId) =>
      inTransaction(pool, async (client) => {
        await client.query(prepared('DELETE FROM oauth_sessions WHERE client_id = $1', [clientId]));
        await client.query(prepared('DELETE FROM oauth_codes WHERE client_id = $1', [clientId]));
        const { rowCount } = await client.query(
          prepared('DELETE FROM oauth_apps WHERE client_id = $1', [clientId]),
        );
        return (rowCount ?? 0) > 0;
      }),

    createJwtCredential: async (credential) => {
      await pool.query(
        prepared(
          `INSERT INTO oauth_credentials (id, client_id, account_id, extension_id, role, created_at, revoked_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          credentialValues(credential),
        ),
      );
    },
    getJwtCredential: async (id) => {
      const { rows } = await pool.query<CredentialRow>(
        prepared('SELECT * FROM oauth_credentials WHERE id = $1', [id]),
      );
      return rows[0] ? credentialFromRow(rows[0]) : null;
    },

    createOAuthSession: async (s) => {
      await pool.query(
        prepared(
          `INSERT INTO oauth_sessions (id, client_id, account_id, extension_id, role, endpoint_id, scope,
             access_hash, access_expires_at, refresh_hash, refresh_expires_at, created_at, revoked_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          sessionValues(s),
        ),
      );
    },
    findSessionByAccessHash: async (hash) => session('access_hash = $1', hash),
    findSessionByRefreshHash: async (hash) => session('refresh_hash = $1', hash),
    rotateSessionTokens: async (id, expected, t) => {
      const { rows } = await pool.query<SessionRow>(
        prepared(
          `UPDATE oauth_sessions SET access_hash = $1, access_expires_at = $2, refresh_hash = $3, refresh_expires_at = $4
           WHERE id = $5 AND refresh_hash = $6 AND revoked_at IS NULL RETURNING *`,
          [t.accessHash, t.accessExpiresAt, t.refreshHash, t.refreshExpiresAt, id, expected],
        ),
      );
      return rows[0] ? sessionFromRow(rows[0]) : null;
    },
    revokeOAuthSession: async (id, at) => {
      const { rowCount } = await pool.query(
        prepared('UPDATE oauth_sessions SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]),
      );
      return (rowCount ?? 0) > 0;
    },

    createAuthorizationCode: async (code) => {
      await pool.query(
        prepared(
          `INSERT INTO oauth_codes (hash, client_id, account_id, extension_id, role, redirect_uri, code_challenge, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          codeValues(code),
        ),
      );
    },
    consumeAuthorizationCode: async (hash, now) => {
      const { rows } = await pool.query<CodeRow>(
        prepared('DELETE FROM oauth_codes WHERE hash = $1 RETURNING *', [hash]),
      );
      return rows[0] && Number(rows[0].expires_at) > now ? codeFromRow(rows[0]) : null;
    },

    signingKey: async (candidate, now) => {
      await pool.query(
        prepared(
          `INSERT INTO oauth_signing_keys (id, secret, created_at) VALUES ('jwt', $1, $2) ON CONFLICT DO NOTHING`,
          [candidate, now],
        ),
      );
      const { rows } = await pool.query<{ secret: string }>(
        prepared(`SELECT secret FROM oauth_signing_keys WHERE id = 'jwt'`),
      );
      const secret = rows[0]?.secret;
      if (secret === undefined) throw new Error('oauth_signing_keys lost its row');
      return secret;
    },
  };
}
