import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { TOKENS } from './api-fixtures.js';
import { call, createHarness, failing, type Harness } from './harness.js';

/** Every JSON line the server logs, parsed. */
function captureLogs(): { lines: Array<Record<string, unknown>>; stream: Writable } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

let h: Harness | undefined;
afterEach(async () => h?.close());

describe('request ids', () => {
  it('stamps RCRequestId and X-Request-Id on successes, 401s, 404s and bad input alike', async () => {
    h = await createHarness();
    const answers = [
      await call(h, 'GET', '/healthz'),
      await call(h, 'GET', '/v1/subscriptions'),
      await call(h, 'GET', '/nowhere', { token: TOKENS.admin }),
      await call(h, 'POST', '/v1/events', { token: TOKENS.publisher, body: { nope: 1 } }),
    ];
    assert.deepEqual(
      answers.map((a) => a.status),
      [200, 401, 404, 400],
    );
    const ids = new Set<unknown>();
    for (const answer of answers) {
      assert.match(String(answer.headers.rcrequestid), /^[0-9a-f-]{36}$/);
      assert.equal(answer.headers['x-request-id'], answer.headers.rcrequestid);
      ids.add(answer.headers.rcrequestid);
    }
    assert.equal(ids.size, answers.length, 'each request gets its own id');
  });

  it('puts the id in the request log lines and in the log of a failed request', async () => {
    const logs = captureLogs();
    h = await createHarness({
      logger: pino({ level: 'info' }, logs.stream),
      wrapStore: failing('listSubscriptions', new Error('disk on fire')),
    });
    const answer = await call(h, 'GET', '/v1/subscriptions', { token: TOKENS.admin });
    assert.equal(answer.status, 500);
    const id = answer.headers.rcrequestid;
    assert.ok(answer.json.message.includes(String(id)), 'the error body names the id to quote');
    const mine = logs.lines.filter((line) => line.reqId === id);
    assert.deepEqual(
      mine.map((line) => line.msg),
      ['incoming request', 'request failed', 'request completed'],
    );
  });

  it("reuses a caller's safe X-Request-Id and replaces one that could forge a log line", async () => {
    h = await createHarness();
    const kept = await call(h, 'GET', '/healthz', { headers: { 'x-request-id': 'lb-7f3a9c21.42' } });
    assert.equal(kept.headers.rcrequestid, 'lb-7f3a9c21.42');
    const forged = await call(h, 'GET', '/healthz', { headers: { 'x-request-id': 'x"} {"level":60' } });
    assert.notEqual(forged.headers.rcrequestid, 'x"} {"level":60');
    assert.match(String(forged.headers.rcrequestid), /^[0-9a-f-]{36}$/);
  });
});
