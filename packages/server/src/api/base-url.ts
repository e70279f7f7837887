import type { Config } from '../config.js';

/**
 * The base of every `uri` in responses (§2.1: an absolute URL). `publicUrl` is what clients reach
 * when Switchboard sits behind a proxy; otherwise the address it listens on.
 */
export function baseUrl(config: Readonly<Config>): string {
  return config.publicUrl ?? `http://${config.host}:${config.port}`;
}
