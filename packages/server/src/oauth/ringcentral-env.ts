/** What a RingCentral quick start reads from `.env`, with Switchboard's values. */
export interface RingCentralEnv {
  serverUrl: string;
  clientId: string;
  clientSecret: string;
  jwt: string;
}

/** The file in the data directory (mode 0600) holding the development app's `.env` values. */
export const RINGCENTRAL_ENV_FILE = 'ringcentral.env';

/**
 * The `.env` block with the variable names RingCentral's quick starts use, so an app written from
 * RingCentral's docs runs against Switchboard with only these lines changed.
 *
 * @example
 * ringCentralEnv({ serverUrl: 'http://127.0.0.1:8080', clientId, clientSecret, jwt });
 * // RC_SERVER_URL=http://127.0.0.1:8080\nRC_CLIENT_ID=…\nRC_CLIENT_SECRET=…\nRC_JWT=…\n
 */
export function ringCentralEnv(env: RingCentralEnv): string {
  return [
    `RC_SERVER_URL=${env.serverUrl}`,
    `RC_CLIENT_ID=${env.clientId}`,
    `RC_CLIENT_SECRET=${env.clientSecret}`,
    `RC_JWT=${env.jwt}`,
    '',
  ].join('\n');
}

/** Reads the values back from a `.env` block (the data directory's file). */
export function parseRingCentralEnv(text: string): Omit<RingCentralEnv, 'serverUrl'> | null {
  const value = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(text)?.[1]?.trim();
  const clientId = value('RC_CLIENT_ID');
  const clientSecret = value('RC_CLIENT_SECRET');
  const jwt = value('RC_JWT');
  return clientId && clientSecret && jwt ? { clientId, clientSecret, jwt } : null;
}
