import { readFileSync } from 'node:fs';
import { ConfigError } from './config-error.js';

/**
 * Reads a JSON configuration file: one object whose keys are all known configuration keys. Any
 * problem (unreadable, not JSON, not an object, an unknown key) is a ConfigError naming the file.
 */
export function readConfigFile(
  path: string,
  knownKeys: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`Cannot read configuration file ${path}: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`Configuration file ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigError(`Configuration file ${path} must hold a JSON object`);
  for (const key of Object.keys(parsed)) {
    if (!(key in knownKeys)) throw new ConfigError(`Unknown configuration key "${key}" in ${path}`);
  }
  return parsed as Record<string, unknown>;
}
