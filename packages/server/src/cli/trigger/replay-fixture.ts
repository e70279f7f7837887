import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../cli-error.js';
import type { Fixture } from '../listen/record-fixture.js';
import type { EventDraft } from './trigger-input.js';

/**
 * `--fixture <file>`, or `--fixture <dir>`: every fixture in it, in the order they were recorded
 * (their names start with the time), so a whole recorded session replays as it happened.
 */
export async function replayFixtures(path: string, cwd: string, now: number): Promise<EventDraft[]> {
  const full = resolve(cwd, path);
  const isDir = await stat(full).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) return [await replayFixture(path, cwd, now)];
  const files = (await readdir(full)).filter((name) => name.endsWith('.json')).sort();
  if (files.length === 0) throw new UsageError(`${path} holds no fixtures (*.json from listen --record)`);
  return Promise.all(files.map((name) => replayFixture(join(full, name), cwd, now)));
}

/** ISO-8601 date-times as RingCentral writes them, with or without milliseconds. */
const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?(Z|[+-]\d\d:\d\d)$/;

/**
 * The event a fixture recorded (`listen --record`), ready to publish again: its event path and
 * body, every date-time in the body moved forward by the time since it was recorded (so a call's
 * states keep their spacing and the replay is "now"). The server gives the notification a fresh
 * `uuid` and `timestamp`.
 *
 * @example
 * const draft = await replayFixture('fixtures/2026-…-presence-1a2b3c4d.json', process.cwd(), Date.now());
 */
export async function replayFixture(file: string, cwd: string, now: number): Promise<EventDraft> {
  const envelope = parseEnvelope(await readFixture(file, cwd), file);
  const shiftMs = now - Date.parse(envelope.timestamp);
  return {
    event: envelope.event,
    body: shiftTimes(envelope.body, Number.isFinite(shiftMs) ? shiftMs : 0) as Record<string, unknown>,
    label: `replay of ${envelope.uuid.slice(0, 8)}`,
  };
}

async function readFixture(file: string, cwd: string): Promise<Fixture> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    const fixture = JSON.parse(text) as Fixture;
    if (typeof fixture.body === 'string') return fixture;
  } catch {
    // Reported below.
  }
  throw new UsageError(`${file} is not a fixture written by \`switchboard listen --record\``);
}

interface Envelope {
  uuid: string;
  event: string;
  timestamp: string;
  body: unknown;
}

function parseEnvelope(fixture: Fixture, file: string): Envelope {
  try {
    const envelope = JSON.parse(fixture.body) as Envelope;
    if (typeof envelope.event === 'string' && typeof envelope.body === 'object' && envelope.body !== null)
      return envelope;
  } catch {
    // Reported below.
  }
  throw new UsageError(`${file}: its body is not a notification (uuid, event, timestamp, body)`);
}

/** Every ISO date-time string in `value`, `shiftMs` later, in the same precision. */
function shiftTimes(value: unknown, shiftMs: number): unknown {
  if (typeof value === 'string' && ISO_TIME.test(value)) return shifted(value, shiftMs);
  if (Array.isArray(value)) return value.map((v) => shiftTimes(v, shiftMs));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shiftTimes(v, shiftMs)]));
  return value;
}

function shifted(time: string, shiftMs: number): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return time;
  const iso = new Date(ms + shiftMs).toISOString();
  // Keep the recorded form: no milliseconds if it had none.
  return /\.\d+/.test(time) ? iso : iso.replace(/\.\d{3}Z$/, 'Z');
}
