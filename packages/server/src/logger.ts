import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/**
 * Paths pino blanks out wherever they appear: secrets never reach logs (docs/decisions.md
 * "Wire compatibility"; test/security/secrets-never-leak.test.ts scans captured logs for them).
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'headers["verification-token"]',
  '*.verificationToken',
  '*.signingSecret',
  '*.signingSecrets',
  '*.token',
  'verificationToken',
  'signingSecret',
  'token',
];

/** JSON logs in production; readable lines in development (pino-pretty, when installed). */
export function createLogger(
  config: Pick<Config, 'mode' | 'logLevel'>,
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  if (config.mode === 'development' && process.stdout.isTTY) {
    return pino({
      ...options,
      transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' } },
    });
  }
  return pino(options);
}
