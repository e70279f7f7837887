/**
 * What `switchboard listen` subscribes to without `--filter`: the RingCentral events an
 * integration most often uses, for the token's own extension, so every `switchboard trigger`
 * kind shows up (docs/cli.md "listen").
 */
export const DEFAULT_LISTEN_FILTERS: readonly string[] = [
  '/restapi/v1.0/account/~/extension/~/presence?detailedTelephonyState=true',
  '/restapi/v1.0/account/~/extension/~/message-store',
  '/restapi/v1.0/account/~/extension/~/message-store/instant?type=SMS',
  '/restapi/v1.0/account/~/extension/~/telephony/sessions',
  '/restapi/v1.0/account/~/extension/~',
  '/restapi/v1.0/glip/posts',
];
