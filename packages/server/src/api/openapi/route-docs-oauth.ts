import type { RouteDoc } from './route-doc.js';

const OAUTH = 'OAuth and accounts';

/** OAuth errors are RingCentral's OAuth shape, not the API's: said in the text, not as Error examples. */
const OAUTH_ERRORS =
  ' Errors answer `{error, error_description, errors:[{errorCode, message}]}` as RingCentral does: OAU-101 (a missing or invalid field), OAU-123 (no client credentials), OAU-153 (unknown client or wrong secret), OAU-140 (a bad JWT credential), OAU-211 (a used, expired or revoked refresh token or code), OAU-250 (unsupported grant), OAU-251 (grant not allowed for the app); CMN-301 when the Auth rate limit is reached.';

/** The reference text of the OAuth, "who am I" and directory routes (docs/ringcentral-compatibility.md). */
export const OAUTH_ROUTE_DOCS: Record<string, RouteDoc> = {
  'POST /restapi/oauth/token': {
    summary: 'Get an access token',
    description: `RingCentral's token endpoint: a form body with HTTP Basic client authentication; grants \`urn:ietf:params:oauth:grant-type:jwt-bearer\`, \`refresh_token\`, \`password\` and \`authorization_code\` (with PKCE). Answers RingCentral's TokenInfo.${OAUTH_ERRORS}`,
    tag: OAUTH,
    auth: 'none',
    errors: [],
    exampleForm: 'grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=$RC_JWT',
    success: { 200: { description: 'TokenInfo: access_token, expires_in, refresh_token, owner_id, …' } },
  },
  'POST /restapi/oauth/revoke': {
    summary: 'Revoke a token',
    description: `Revokes an access or refresh token and the session it belongs to; the next call with it is refused with OAU-213.${OAUTH_ERRORS}`,
    tag: OAUTH,
    auth: 'none',
    errors: [],
    exampleForm: 'token=<access or refresh token>',
    success: { 200: { description: 'Revoked' } },
  },
  'GET /restapi/oauth/authorize': {
    summary: 'Authorization page',
    description:
      'The authorization-code flow (development mode): the consent page where a developer picks the extension the app acts for. Query: response_type=code, client_id, redirect_uri, state, code_challenge.',
    tag: OAUTH,
    auth: 'none',
    errors: [],
    exampleQuery: '?response_type=code&client_id=<client id>&redirect_uri=<uri>',
    success: { 200: { description: 'The consent page (HTML)' } },
  },
  'POST /restapi/oauth/authorize': {
    summary: 'Grant an authorization code',
    description:
      "The consent page's form: redirects (302) to the app's redirect_uri with `code` and `state`, or with `error=access_denied`.",
    tag: OAUTH,
    auth: 'none',
    errors: [],
    success: { 302: { description: 'To the redirect_uri with code and state' } },
  },
  'GET /restapi/v1.0/account/:accountId': {
    summary: 'Account information',
    description:
      "RingCentral's AccountInfo for `~` (the caller's account) or an id the caller may see; apps call it at start-up to learn their ids.",
    tag: OAUTH,
    auth: 'bearer',
    errors: ['CMN-102'],
    success: { 200: { description: 'AccountInfo' } },
  },
  'GET /restapi/v1.0/account/:accountId/extension/:extensionId': {
    summary: 'Extension information',
    description:
      "RingCentral's ExtensionInfo for `~/extension/~` (the caller) or an extension the caller may see: id, extensionNumber, name, status, account.",
    tag: OAUTH,
    auth: 'bearer',
    errors: ['CMN-102'],
    success: { 200: { description: 'ExtensionInfo' } },
  },
  'PUT /v1/accounts/:accountId': {
    summary: 'Describe an account',
    description: "Server admins only: the name, main number and status the account's AccountInfo shows.",
    tag: OAUTH,
    auth: 'bearer',
    errors: ['CMN-101'],
    exampleBody: { name: 'Acme Inc.' },
    success: { 200: { description: 'The AccountInfo as it now reads' } },
  },
  'PUT /v1/accounts/:accountId/extensions/:extensionId': {
    summary: 'Describe an extension',
    description: 'Server admins only: the name, extension number, email and status its ExtensionInfo shows.',
    tag: OAUTH,
    auth: 'bearer',
    errors: ['CMN-101'],
    exampleBody: { name: 'Ada Lovelace', extensionNumber: '101' },
    success: { 200: { description: 'The ExtensionInfo as it now reads' } },
  },
  'POST /v1/apps': {
    summary: 'Register an app',
    description: 'Server admins only: a client id and a client secret, the secret shown in this answer only.',
    tag: OAUTH,
    auth: 'bearer',
    errors: ['CMN-101'],
    exampleBody: { name: 'my-ringcentral-app' },
  },
  'GET /v1/apps': {
    summary: 'List apps',
    description: 'Server admins only: every registered app, never a client secret.',
    tag: OAUTH,
    auth: 'bearer',
    errors: [],
  },
  'DELETE /v1/apps/:clientId': {
    summary: 'Delete an app',
    description: 'Server admins only: the app and every session of it end at once; answers 204.',
    tag: OAUTH,
    auth: 'bearer',
    errors: ['CMN-102'],
    success: { 204: { description: 'Deleted' } },
  },
  'POST /v1/credentials': {
    summary: 'Create a JWT credential',
    description:
      "Server admins only: a JWT for RingCentral's JWT flow (RC_JWT) for one extension, shown in this answer only.",
    tag: OAUTH,
    auth: 'bearer',
    errors: ['CMN-101'],
    exampleBody: { extensionId: '2001' },
  },
};
