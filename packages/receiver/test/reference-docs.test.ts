// packages/receiver/README.md is the reference: its error table and event-kind table must say
// what the code does, no more and no less.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { eventKind } from '../src/event-kind.js';
import { WEBHOOK_ERROR_STATUS } from '../src/webhook-verification-error.js';

const reference = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

/** The rows of the Markdown table under `heading`, as arrays of cell texts without backticks. */
function tableRows(heading: string): string[][] {
  const section = reference.slice(reference.indexOf(`## ${heading}`));
  const table = section.slice(section.indexOf('\n|'));
  const lines = table.split('\n').slice(1);
  const rows = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('|')),
  );
  return rows.slice(2).map((row) =>
    row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim().replaceAll('`', '')),
  );
}

test('the errors table lists every code with its status, and nothing else', () => {
  const documented = Object.fromEntries(tableRows('Errors').map(([code, status]) => [code, Number(status)]));
  assert.deepEqual(documented, WEBHOOK_ERROR_STATUS);
});

test('the event kinds table: each filter has the kind it says, and every kind is listed', () => {
  const rows = tableRows('Event kinds and types');
  for (const [kind, filter] of rows) assert.equal(eventKind(filter ?? ''), kind, filter);
  const listed = new Set(rows.map(([kind]) => kind));
  const kinds = [
    'presence',
    'message-store',
    'instant-message',
    'telephony-session',
    'extension',
    'extension-list',
    'subscription-reminder',
    'team-messaging-post',
    'team-messaging-group',
  ];
  assert.deepEqual([...listed].sort(), kinds.sort());
});
