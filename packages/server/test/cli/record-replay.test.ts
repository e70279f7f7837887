import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { api } from './support/api.js';
import { type CliServer, startCliServer } from './support/cli-server.js';
import { runCliInProcess, startCliProcess } from './support/run-cli.js';

const ISO_TIME = /"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"/g;

/** The raw body with what a replay must change (the uuid, every time) replaced by placeholders. */
function withoutFreshValues(raw: string): string {
  const { uuid } = JSON.parse(raw) as { uuid: string };
  return raw.split(uuid).join('<uuid>').replace(ISO_TIME, '"<time>"');
}

describe('record and replay', () => {
  let server: CliServer;
  let dir = '';

  before(async () => {
    server = await startCliServer();
    dir = mkdtempSync(join(tmpdir(), 'switchboard-fixtures-'));
  });

  after(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('listen --record writes each notification; trigger --fixture replays it byte for byte but uuid and times', async () => {
    const listen = startCliProcess(
      ['listen', '--json', '--record', dir, '--verification-token', 'vt-record-secret'],
      server.env,
    );
    try {
      await listen.waitForOutput(/"type":"ready"/, 'listen to be ready');
      const triggered = await runCliInProcess(['trigger', 'presence-detailed'], server.env);
      assert.equal(triggered.code, 0, triggered.stderr);
      const first = JSON.parse((await listen.waitForOutput(/^\{"type":"recorded".*$/m, 'the fixture'))[0]);
      const recorded = JSON.parse(readFileSync(first.file, 'utf8'));
      assert.equal(recorded.kind, 'presence');
      assert.equal(recorded.headers['verification-token'], '[redacted]');
      assert.equal(recorded.headers['webhook-signature'], '[redacted]');
      assert.match(recorded.headers['user-agent'], /^RingCentral-Webhook\//);
      assert.equal(statSync(first.file).mode & 0o077, 0, 'not readable by others');
      assert.doesNotMatch(readFileSync(first.file, 'utf8'), /vt-record-secret|whsec_/);

      const replay = await runCliInProcess(['trigger', '--fixture', first.file], server.env);
      assert.equal(replay.code, 0, replay.stderr);
      await listen.waitForOutput(/"type":"recorded"[\s\S]*"type":"recorded"/, 'the replay recorded');
      const second = JSON.parse(
        listen
          .stdout()
          .split('\n')
          .filter((l) => l.includes('"type":"recorded"'))[1] ?? '',
      );
      const replayed = JSON.parse(readFileSync(second.file, 'utf8'));
      const [a, b] = [JSON.parse(recorded.body), JSON.parse(replayed.body)];
      assert.notEqual(b.uuid, a.uuid, 'a fresh uuid');
      assert.ok(Date.parse(b.timestamp) >= Date.parse(a.timestamp));
      assert.ok(
        Date.parse(b.body.activeCalls[0].startTime) > Date.parse(a.body.activeCalls[0].startTime),
        'times in the body move forward too',
      );
      assert.equal(withoutFreshValues(replayed.body), withoutFreshValues(recorded.body));
      assert.deepEqual(Object.keys(replayed.headers).sort(), Object.keys(recorded.headers).sort());
    } finally {
      await listen.stop('SIGTERM');
    }
  });

  test('trigger --set and --data publish custom data over the generated body', async () => {
    const file = join(dir, 'custom.json');
    writeFileSync(file, JSON.stringify({ dndStatus: 'DoNotAcceptAnyCalls', extra: { nested: [1, 2] } }));
    const result = await runCliInProcess(
      [
        'trigger',
        'presence',
        '--data',
        `@${file}`,
        '--set',
        'body.presenceStatus=Busy',
        '--set',
        'body.sequence=7',
        '--set',
        'body.activeCalls[0].from=+14155550123',
        '--json',
      ],
      server.env,
    );
    assert.equal(result.code, 0, result.stderr);
    const id = JSON.parse(result.stdout).events[0].id;
    const event = await api(server, 'GET', `/v1/events/${id}`);
    assert.equal(event.body.presenceStatus, 'Busy');
    assert.equal(event.body.sequence, 7, 'a JSON value stays a number');
    assert.equal(event.body.dndStatus, 'DoNotAcceptAnyCalls');
    assert.deepEqual(event.body.extra, { nested: [1, 2] });
    assert.deepEqual(event.body.activeCalls, [{ from: '+14155550123' }]);
    assert.equal(event.body.extensionId, '2001', 'the rest of the generated body is kept');

    const inline = await runCliInProcess(
      ['trigger', 'presence', '--data', '{"userStatus":"Away"}', '--json'],
      server.env,
    );
    const inlineId = JSON.parse(inline.stdout).events[0].id;
    assert.equal((await api(server, 'GET', `/v1/events/${inlineId}`)).body.userStatus, 'Away');

    for (const [args, message] of [
      [['--set', 'presenceStatus=Busy'], /must be body\.<path>=<value>/],
      [['--data', '[1]'], /must hold a JSON object/],
      [['--data', '@/nonexistent.json'], /cannot read \/nonexistent\.json: ENOENT/],
    ] as const) {
      const bad = await runCliInProcess(['trigger', 'presence', ...args], server.env);
      assert.equal(bad.code, 2, args.join(' '));
      assert.match(bad.stderr, message);
    }
    const both = await runCliInProcess(['trigger', 'presence', '--fixture', file], server.env);
    assert.equal(both.code, 2);
    assert.match(both.stderr, /give a kind or --fixture, not both/);
  });
});
