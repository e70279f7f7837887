import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { afterEach, describe, it } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import type { Attempt } from '../../src/model.js';
import { openSse } from '../helpers/sse-client.js';
import { TOKENS } from './api-fixtures.js';
import { createBody, createHarness, type Harness, subscribe } from './harness.js';

let h: Harness;
let base: string;
afterEach(async () => h.close());

async function start(config = {}) {
  h = await createHarness({ config });
  base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  const create = async (token: string, account: string, extension: string) =>
    (
      await subscribe(
        h,
        token,
        createBody({ eventFilters: [`/restapi/v1.0/account/${account}/extension/${extension}/presence`] }),
      )
    ).json.id as string;
  return {
    mine: await create(TOKENS.user, '1001', '2001'),
    second: await create(TOKENS.user, '1001', '2001'),
    foreign: await create(TOKENS.userOtherAccount, '1002', '3001'),
  };
}

function attempted(subscriptionId: string, attemptNo: number, error: string | null = null): void {
  const attempt: Attempt = {
    deliveryId: `dlv-${subscriptionId}`,
    attemptNo,
    startedAt: h.clock.now(),
    latencyMs: 12,
    status: error ? 500 : 200,
    error,
    responseSnippet: null,
  };
  h.ctx.events.emit('delivery:attempted', { subscriptionId, deliveryId: attempt.deliveryId, attempt });
}

const parsed = (events: Array<{ data: string }>) => events.map((e) => JSON.parse(e.data));

describe('GET /v1/stream', () => {
  it('streams what the caller may see, in order per subscription, with request ids', async () => {
    const subs = await start();
    const stream = await openSse(`${base}/v1/stream`, TOKENS.user);
    assert.equal(stream.status, 200);
    assert.match(String(stream.headers.get('content-type')), /^text\/event-stream/);
    assert.ok(stream.headers.get('rcrequestid'));
    for (let n = 1; n <= 3; n++) {
      attempted(subs.mine, n, 'Webhook responses with code: [500]');
      attempted(subs.foreign, n);
      attempted(subs.second, n);
    }
    h.ctx.events.emit('delivery:dead', {
      subscriptionId: subs.mine,
      deliveryId: `dlv-${subs.mine}`,
      attempt: {
        deliveryId: `dlv-${subs.mine}`,
        attemptNo: 3,
        startedAt: h.clock.now(),
        latencyMs: 12,
        status: 500,
        error: 'Webhook responses with code: [500]',
        responseSnippet: null,
      },
    });
    h.ctx.events.emit('subscription:blacklisted', {
      subscriptionId: subs.second,
      reason: 'Webhook is not reachable',
    });
    const events = await stream.take(8);
    await stream.close();
    const data = parsed(events);
    assert.ok(
      data.every((d) => d.subscriptionId !== subs.foreign),
      "another account's events never arrive",
    );
    assert.deepEqual(
      data.filter((d) => d.subscriptionId === subs.mine).map((d) => d.attempt?.attemptNo ?? d.type),
      [1, 2, 3, 'delivery.dead'],
    );
    assert.deepEqual(
      events.slice(-2).map((e) => e.event),
      ['delivery.dead', 'subscription.blacklisted'],
    );
    const seqs = events.map((e) => Number(e.id?.split('-')[1]));
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
      'ids increase',
    );
  });

  it('filters by subscription; a foreign subscription id streams nothing', async () => {
    const subs = await start();
    const only = await openSse(`${base}/v1/stream?subscriptionId=${subs.second}`, TOKENS.user);
    attempted(subs.mine, 1);
    attempted(subs.second, 1);
    attempted(subs.second, 2);
    assert.deepEqual(
      parsed(await only.take(2)).map((d) => [d.subscriptionId, d.attempt.attemptNo]),
      [
        [subs.second, 1],
        [subs.second, 2],
      ],
    );
    await only.close();
    const foreign = await openSse(`${base}/v1/stream?subscriptionId=${subs.foreign}`, TOKENS.user);
    attempted(subs.foreign, 1);
    await h.app.streamHub.settled();
    await assert.rejects(foreign.take(1, 300), /only 0 of 1/);
    await foreign.close();
  });

  it('resumes after Last-Event-ID, and says so when the gap is older than the window', async () => {
    const subs = await start({ streamReplayEvents: 5 });
    const first = await openSse(`${base}/v1/stream`, TOKENS.user);
    attempted(subs.mine, 1);
    attempted(subs.mine, 2);
    const seen = await first.take(2);
    await first.close();
    attempted(subs.mine, 3);
    attempted(subs.foreign, 1);
    attempted(subs.mine, 4);
    await h.app.streamHub.settled();
    const resumed = await openSse(`${base}/v1/stream`, TOKENS.user, seen[1]?.id);
    assert.deepEqual(
      parsed(await resumed.take(2)).map((d) => d.attempt.attemptNo),
      [3, 4],
      'exactly what was missed, none of it foreign',
    );
    await resumed.close();

    for (let n = 5; n <= 12; n++) attempted(subs.mine, n);
    await h.app.streamHub.settled();
    assert.equal(h.app.streamHub.windowSize, 5, 'the window stays bounded');
    const late = await openSse(`${base}/v1/stream`, TOKENS.user, seen[1]?.id);
    const [reset] = await late.take(1);
    assert.equal(reset?.event, 'stream.reset');
    await late.close();
    const stranger = await openSse(`${base}/v1/stream`, TOKENS.user, 'another-process-7');
    assert.equal((await stranger.take(1))[0]?.event, 'stream.reset');
    await stranger.close();
  });

  it('disconnects a client that stops reading; the server does not buffer for it', async () => {
    const subs = await start({ streamClientBufferBytes: 64 * 1024 });
    const { port } = new URL(base);
    const socket = connect(Number(port), '127.0.0.1');
    let closed = false;
    socket.on('close', () => {
      closed = true;
    });
    socket.on('error', () => undefined);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(`GET /v1/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKENS.user}\r\n\r\n`);
    await new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.pause(); // stops reading: the kernel buffers fill, then the server's
    await new Promise<void>((resolve) => {
      const check = () => (h.app.streamHub.clientCount === 1 ? resolve() : setTimeout(check, 5));
      check();
    });

    const error = `I/O operation is failed. Details: [${'x'.repeat(1000)}]`;
    const limit = 64 * 1024;
    const frameBytes = 1500; // one frame of the events below, generously
    let peak = 0;
    let sent = 0;
    for (let batch = 0; batch < 200 && h.app.streamHub.dropped === 0; batch++) {
      for (let n = 0; n < 1000; n++) attempted(subs.mine, n, error);
      sent += 1000;
      await h.app.streamHub.settled();
      peak = Math.max(peak, h.app.streamHub.bufferedBytes());
      await tick();
    }
    assert.equal(h.app.streamHub.dropped, 1, 'the stalled client was dropped');
    assert.ok(
      peak <= limit + frameBytes,
      `the server held ${peak} bytes for it, at most ${limit} + one frame`,
    );
    assert.ok(sent * frameBytes > 10 * limit, 'far more was streamed than the bound');
    // The server goes on streaming to nobody, holding nothing for the dropped client.
    for (let n = 0; n < 5000; n++) attempted(subs.mine, n, error);
    await h.app.streamHub.settled();
    assert.equal(h.app.streamHub.bufferedBytes(), 0);
    assert.equal(h.app.streamHub.windowSize, 1000, 'the replay window stays at its bound');
    assert.equal(h.app.streamHub.clientCount, 0);
    socket.resume();
    await new Promise<void>((resolve) => {
      const check = () => (closed ? resolve() : setTimeout(check, 5));
      check();
    });
    socket.destroy();
  });

  it('needs a token and refuses unknown parameters', async () => {
    await start();
    const anonymous = await fetch(`${base}/v1/stream`);
    assert.equal(anonymous.status, 401);
    const bad = await fetch(`${base}/v1/stream?colour=red`, {
      headers: { authorization: `Bearer ${TOKENS.user}` },
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { errorCode: string }).errorCode, 'CMN-101');
  });
});
