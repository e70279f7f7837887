/** Every bearer token Switchboard issues starts with this, so leaked tokens are easy to scan for. */
export const TOKEN_PREFIX = 'sbt_';
