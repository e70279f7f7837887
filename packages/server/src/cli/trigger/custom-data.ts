import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../cli-error.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One `--set body.path=value`: where (object keys and array indexes) and what. */
export interface BodySetting {
  path: Array<string | number>;
  value: Json;
}

/**
 * Parses `--set body.activeCalls[0].from=+14155550123`. The value is JSON when it parses as JSON
 * (`3`, `true`, `null`, `{"a":1}`, `"quoted"`), else the text as it is (`Busy`, `+1415…`).
 *
 * @example
 * parseSetting('body.presenceStatus=Busy'); // { path: ['presenceStatus'], value: 'Busy' }
 */
export function parseSetting(raw: string): BodySetting {
  const eq = raw.indexOf('=');
  const left = eq === -1 ? raw : raw.slice(0, eq);
  if (eq === -1 || !/^body(\.[^.[\]]+|\[\d+\])+$/.test(left))
    throw new UsageError(
      `--set "${raw}" must be body.<path>=<value>`,
      'For example --set body.presenceStatus=Busy or --set body.activeCalls[0].from=+14155550123.',
    );
  const path = [...left.slice(4).matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] !== undefined ? Number(m[2]) : (m[1] ?? ''),
  );
  const text = raw.slice(eq + 1);
  let value: Json;
  try {
    value = JSON.parse(text) as Json;
  } catch {
    value = text;
  }
  return { path, value };
}

/** `--data '<json>'` or `--data @file.json`: a JSON object laid over the generated body. */
export async function readData(raw: string, cwd: string): Promise<Record<string, Json>> {
  let text = raw;
  let origin = '--data';
  if (raw.startsWith('@')) {
    origin = raw.slice(1);
    try {
      text = await readFile(resolve(cwd, origin), 'utf8');
    } catch (err) {
      throw new UsageError(
        `cannot read ${origin}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${origin} is not valid JSON: ${(err as Error).message}`);
  }
  if (!isObject(parsed))
    throw new UsageError(`${origin} must hold a JSON object (the fields to lay over the body)`);
  return parsed;
}

/**
 * The body with `data` laid over it (objects merged key by key, anything else replaced), then
 * each setting applied in order. The generated body is not changed.
 */
export function customiseBody(
  body: Record<string, unknown>,
  data: Record<string, Json> | null,
  settings: BodySetting[],
): Record<string, unknown> {
  let out = structuredClone(body) as Record<string, Json>;
  if (data) out = merge(out, data) as Record<string, Json>;
  for (const setting of settings) set(out, setting);
  return out;
}

function merge(base: Json, over: Json): Json {
  if (!isObject(base) || !isObject(over)) return structuredClone(over);
  const out: Record<string, Json> = { ...base };
  for (const [key, value] of Object.entries(over))
    out[key] = key in base ? merge(base[key] ?? null, value) : value;
  return out;
}

function set(body: Record<string, Json>, { path, value }: BodySetting): void {
  let node: Json = body;
  for (const [i, key] of path.entries()) {
    const last = i === path.length - 1;
    const container = node as Record<string | number, Json>;
    if (last) {
      container[key] = value;
      return;
    }
    const next = container[key];
    if (next === undefined || next === null || typeof next !== 'object') {
      // Create what is missing: an array when the next step is an index.
      container[key] = typeof path[i + 1] === 'number' ? [] : {};
    }
    node = container[key] as Json;
  }
}

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
