import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ADMIN_TOKEN_FILE } from '../../tokens/bootstrap-admin.js';
import { UsageError } from '../cli-error.js';
import { readRecordedServerUrl } from './server-url-file.js';

/** Where `switchboard serve` listens when nothing else is configured. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080';
/** Where `switchboard serve` keeps its data (and the local admin token) by default. */
export const DEFAULT_DATA_DIR = '.switchboard';

export interface ConnectionFlags {
  server?: string | undefined;
  token?: string | undefined;
  dataDir?: string | undefined;
}

export type Source = 'flag' | 'environment' | 'data directory' | 'default';

/** The server a command talks to and the bearer token it sends. */
export interface Connection {
  serverUrl: string;
  serverSource: Source;
  token: string;
  tokenSource: Source;
  /** The data directory looked at (whether or not the token came from it). */
  dataDir: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Finds the server and the token, in this order (docs/cli.md "Finding the server and the token"):
 * server: `--server` > `SWITCHBOARD_URL` > the URL `serve` recorded in the data directory >
 * http://127.0.0.1:8080;
 * token: `--token` > `SWITCHBOARD_TOKEN` > `<data dir>/admin-token`, the data dir being
 * `--data-dir` > `SWITCHBOARD_DATA_DIR` > `./.switchboard`.
 *
 * **The local admin token is never sent to a remote server**: the data directory is only read
 * when the server is on this machine (a loopback address) or the data directory was named
 * explicitly, so pointing SWITCHBOARD_URL elsewhere cannot leak it.
 *
 * @example
 * resolveConnection({}, { SWITCHBOARD_URL: 'http://127.0.0.1:9000' }, process.cwd());
 * // → { serverUrl: 'http://127.0.0.1:9000', token: <./.switchboard/admin-token>, … }
 */
export function resolveConnection(
  flags: ConnectionFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Connection {
  const dir = pick(flags.dataDir, env.SWITCHBOARD_DATA_DIR);
  const dataDir = resolve(cwd, dir?.value ?? DEFAULT_DATA_DIR);
  const server = pick(flags.server, env.SWITCHBOARD_URL) ?? recorded(dataDir);
  const serverSource = server?.source ?? ('default' as const);
  const serverUrl = checkServerUrl(server?.value ?? DEFAULT_SERVER_URL, serverSource);
  const base = { serverUrl, serverSource, dataDir };

  const token = pick(flags.token, env.SWITCHBOARD_TOKEN);
  if (token) return { ...base, token: token.value.trim(), tokenSource: token.source };

  const local = LOOPBACK_HOSTS.has(new URL(serverUrl).hostname) || dir !== null;
  const fromFile = local ? readAdminToken(dataDir) : null;
  if (fromFile) return { ...base, token: fromFile, tokenSource: 'data directory' };
  throw new UsageError(
    local
      ? `No token: none given and no admin token in ${join(dataDir, ADMIN_TOKEN_FILE)}`
      : `No token for ${serverUrl}: the local admin token is only used with a server on this machine`,
    local
      ? 'Pass --token or set SWITCHBOARD_TOKEN, or run where `switchboard serve` keeps its data ' +
          '(its first start writes .switchboard/admin-token; another directory: --data-dir).'
      : 'Pass --token or set SWITCHBOARD_TOKEN (create one with `switchboard tokens create`).',
  );
}

function pick(
  flag: string | undefined,
  fromEnv: string | undefined,
): { value: string; source: Source } | null {
  if (flag !== undefined && flag !== '') return { value: flag, source: 'flag' };
  if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, source: 'environment' };
  return null;
}

function recorded(dataDir: string): { value: string; source: Source } | null {
  const url = readRecordedServerUrl(dataDir);
  return url === null ? null : { value: url, source: 'data directory' };
}

function checkServerUrl(raw: string, source: Source): string {
  const where = {
    flag: '--server',
    environment: 'SWITCHBOARD_URL',
    'data directory': 'the data directory',
    default: 'the default',
  }[source];
  if (!URL.canParse(raw)) {
    throw new UsageError(
      `Invalid server URL in ${where}: "${raw}"`,
      'Give an absolute URL such as http://127.0.0.1:8080.',
    );
  }
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`Invalid server URL in ${where}: "${raw}" must start with http:// or https://`);
  }
  return raw.replace(/\/+$/, '');
}

function readAdminToken(dataDir: string): string | null {
  try {
    const token = readFileSync(join(dataDir, ADMIN_TOKEN_FILE), 'utf8').trim();
    return token === '' ? null : token;
  } catch {
    return null;
  }
}
