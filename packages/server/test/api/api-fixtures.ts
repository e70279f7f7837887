/** What the API tests share: the bootstrap tokens and the paths they subscribe to and publish. */

/** Bearer strings of the bootstrap tokens every test starts with. */
export const TOKENS = {
  admin: 'sbt_admin',
  user: 'sbt_user',
  userOtherExtension: 'sbt_user_2002',
  userOtherAccount: 'sbt_user_1002',
  publisher: 'sbt_publisher',
  revoked: 'sbt_revoked',
} as const;

/** The RingCentral Subscription API. */
export const SUBSCRIPTION = '/restapi/v1.0/subscription';
/** `~` expands to the token's own account and extension. */
export const PRESENCE_MINE = '/restapi/v1.0/account/~/extension/~/presence';
/** The concrete path `PRESENCE_MINE` expands to for `TOKENS.user`. */
export const PRESENCE_2001 = '/restapi/v1.0/account/1001/extension/2001/presence';
