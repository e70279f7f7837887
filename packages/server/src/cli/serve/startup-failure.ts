import type { Config } from '../../config.js';
import { StartupError } from '../cli-error.js';

/** PostgreSQL's SQLSTATEs a wrong `--database` URL produces, said for people. */
const POSTGRES_CODES: Record<string, string> = {
  '28000': 'the role is not allowed to connect',
  '28P01': 'wrong password',
  '3D000': 'the database does not exist',
  '42501': 'the role lacks a privilege Switchboard needs',
};

/**
 * Why `switchboard serve` could not start, in one line and without a stack trace (exit 5,
 * docs/cli.md "Output, errors and exit codes"): the port is taken, the address is not this
 * machine's, PostgreSQL refused the role. Database URLs are shown without their password.
 *
 * @example
 * startupFailure(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), config);
 * // → StartupError('cannot listen on 127.0.0.1:8080: the port is already in use', …)
 */
export function startupFailure(err: unknown, config: Readonly<Config>): StartupError {
  const code = errorCode(err);
  const message = (err as Error)?.message ?? String(err);
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE')
    return new StartupError(
      `cannot listen on ${where}: the port is already in use`,
      'Another `switchboard serve` (or another program) has it: stop that one, or pick a port with --port.',
    );
  if (code === 'EACCES')
    return new StartupError(
      `cannot listen on ${where}: permission denied`,
      'Ports below 1024 need privileges: pick a port with --port.',
    );
  if (code === 'EADDRNOTAVAIL')
    return new StartupError(`cannot listen on ${where}: that address is not one of this machine's`);
  if (config.database !== 'sqlite') {
    const database = config.database.replace(/\/\/[^@]*@/, (auth) => auth.replace(/:[^@/]*@$/, ':…@'));
    const reason = code !== undefined && POSTGRES_CODES[code] ? ` (${POSTGRES_CODES[code]})` : '';
    return new StartupError(
      `cannot use the database ${database}: ${message}${reason}`,
      'Check --database (SWITCHBOARD_DATABASE): the role, its password, the database name and that PostgreSQL runs.',
    );
  }
  return new StartupError(`could not start: ${message}`);
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
