import type { Role } from '../model.js';
import type {
  AuthorizationCode,
  GrantType,
  JwtCredential,
  OAuthApp,
  OAuthSession,
} from '../oauth/oauth-model.js';

/**
 * Row ↔ record mapping of the OAuth tables, shared by both backends: the columns are the same;
 * lists are JSON text in SQLite and JSONB (parsed by the driver) in PostgreSQL.
 */

export interface OAuthAppRow {
  client_id: string;
  name: string;
  secret_hash: string;
  grants: string | string[];
  redirect_uris: string | string[];
  scope: string;
  created_at: number;
}

export interface CredentialRow {
  id: string;
  client_id: string | null;
  account_id: string;
  extension_id: string;
  role: string;
  created_at: number;
  revoked_at: number | null;
}

export interface SessionRow {
  id: string;
  client_id: string;
  account_id: string;
  extension_id: string;
  role: string;
  endpoint_id: string;
  scope: string;
  access_hash: string;
  access_expires_at: number;
  refresh_hash: string;
  refresh_expires_at: number;
  created_at: number;
  revoked_at: number | null;
}

export interface CodeRow {
  hash: string;
  client_id: string;
  account_id: string;
  extension_id: string;
  role: string;
  redirect_uri: string;
  code_challenge: string | null;
  expires_at: number;
}

function list(value: string | string[]): string[] {
  return typeof value === 'string' ? (JSON.parse(value) as string[]) : value;
}

/** Who a credential, session or code acts as: the columns all three tables have. */
function principalFromRow<C extends string | null>(r: {
  client_id: C;
  account_id: string;
  extension_id: string;
  role: string;
}): { clientId: C; accountId: string; extensionId: string; role: Role } {
  return {
    clientId: r.client_id,
    accountId: r.account_id,
    extensionId: r.extension_id,
    role: r.role as Role,
  };
}

/** A time column as a number (drivers may hand BIGINT back as text); null stays null. */
function timeOrNull(value: number | null): number | null {
  return value === null ? null : Number(value);
}

export function appFromRow(r: OAuthAppRow): OAuthApp {
  return {
    clientId: r.client_id,
    name: r.name,
    secretHash: r.secret_hash,
    grants: list(r.grants) as GrantType[],
    redirectUris: list(r.redirect_uris),
    scope: r.scope,
    createdAt: Number(r.created_at),
  };
}

/** Insert values for an app, in column order: client_id, name, secret_hash, grants, redirect_uris, scope, created_at. */
export function appValues(a: OAuthApp): unknown[] {
  return [
    a.clientId,
    a.name,
    a.secretHash,
    JSON.stringify(a.grants),
    JSON.stringify(a.redirectUris),
    a.scope,
    a.createdAt,
  ];
}

export function credentialFromRow(r: CredentialRow): JwtCredential {
  return {
    id: r.id,
    ...principalFromRow(r),
    createdAt: Number(r.created_at),
    revokedAt: timeOrNull(r.revoked_at),
  };
}

/** Insert values in column order: id, client_id, account_id, extension_id, role, created_at, revoked_at. */
export function credentialValues(c: JwtCredential): unknown[] {
  return [c.id, c.clientId, c.accountId, c.extensionId, c.role, c.createdAt, c.revokedAt];
}

export function sessionFromRow(r: SessionRow): OAuthSession {
  return {
    id: r.id,
    ...principalFromRow(r),
    endpointId: r.endpoint_id,
    scope: r.scope,
    accessHash: r.access_hash,
    accessExpiresAt: Number(r.access_expires_at),
    refreshHash: r.refresh_hash,
    refreshExpiresAt: Number(r.refresh_expires_at),
    createdAt: Number(r.created_at),
    revokedAt: timeOrNull(r.revoked_at),
  };
}

/** Insert values in the column order of the oauth_sessions table. */
export function sessionValues(s: OAuthSession): unknown[] {
  return [
    s.id,
    s.clientId,
    s.accountId,
    s.extensionId,
    s.role,
    s.endpointId,
    s.scope,
    s.accessHash,
    s.accessExpiresAt,
    s.refreshHash,
    s.refreshExpiresAt,
    s.createdAt,
    s.revokedAt,
  ];
}

export function codeFromRow(r: CodeRow): AuthorizationCode {
  return {
    hash: r.hash,
    ...principalFromRow(r),
    redirectUri: r.redirect_uri,
    codeChallenge: r.code_challenge,
    expiresAt: Number(r.expires_at),
  };
}

/** Insert values in the column order of the oauth_codes table. */
export function codeValues(c: AuthorizationCode): unknown[] {
  return [
    c.hash,
    c.clientId,
    c.accountId,
    c.extensionId,
    c.role,
    c.redirectUri,
    c.codeChallenge,
    c.expiresAt,
  ];
}
