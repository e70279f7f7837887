import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import type { Attempt, Subscription } from '../../src/model.js';
import { type StreamClient, StreamHub } from '../../src/observability/stream-hub.js';
import { ServerEvents } from '../../src/server-events.js';

const attempt: Attempt = {
  deliveryId: 'd',
  attemptNo: 1,
  startedAt: 0,
  latencyMs: 3,
  status: 200,
  error: null,
  responseSnippet: null,
};

/** A store whose subscription look-ups answer only when the test lets them. */
function slowStore() {
  const waiting = new Map<string, () => void>();
  let asked: () => void = () => {};
  const slowAsked = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const owners = new Map([
    ['known', { accountId: '1001', extensionId: '2001' }],
    ['slow', { accountId: '1001', extensionId: '2001' }],
  ]);
  return {
    /** Answers the held look-up of `slow`, once it has been asked for. */
    release: async () => {
      await slowAsked;
      waiting.get('slow')?.();
    },
    store: {
      getSubscription: (id: string) =>
        new Promise<Subscription | null>((resolve) => {
          const answer = () => resolve((owners.get(id) as Subscription | undefined) ?? null);
          if (id !== 'slow') return answer();
          waiting.set(id, answer);
          asked();
        }),
    },
  };
}

/** A hub on the slow store, keeping the last 10 events. */
function streamHub() {
  const events = new ServerEvents();
  const { store, release } = slowStore();
  const hub = new StreamHub({
    events,
    store,
    clock: new ManualClock(),
    replayEvents: 10,
    clientBufferBytes: 1e6,
  });
  return { events, hub, release };
}

function recordingClient(): StreamClient & { frames: string[] } {
  const frames: string[] = [];
  return { frames, filter: {}, bufferedBytes: () => 0, write: (f) => frames.push(f), drop: () => {} };
}

test('the live stream keeps emission order when an earlier event waits for its owner and a later one’s is known', async () => {
  const { events, hub, release } = streamHub();
  const client = recordingClient();
  hub.connect(client, undefined);

  // The owner of `known` is looked up once, then cached.
  events.emit('delivery:attempted', { subscriptionId: 'known', deliveryId: 'd0', attempt });
  await hub.settled();
  events.emit('delivery:attempted', { subscriptionId: 'slow', deliveryId: 'd1', attempt });
  events.emit('delivery:attempted', { subscriptionId: 'known', deliveryId: 'd2', attempt });
  events.emit('delivery:attempted', { subscriptionId: 'gone', deliveryId: 'd3', attempt });
  assert.equal(client.frames.length, 1, 'd2 waits behind d1, whose owner is not known yet');
  await release();
  await hub.settled();

  const ids = client.frames.map((f) => JSON.parse(/^data: (.*)$/m.exec(f)?.[1] ?? '{}').deliveryId);
  assert.deepEqual(
    ids,
    ['d0', 'd1', 'd2'],
    'in emission order; a deleted subscription’s event reaches nobody',
  );
  const seqs = client.frames.map((f) => Number(/^id: \w+-(\d+)$/m.exec(f)?.[1]));
  assert.deepEqual(seqs, [1, 2, 3]);
  assert.equal(hub.windowSize, 3);
  hub.close();
});

test('a client resuming with Last-Event-ID gets the frames it missed, serialised as a live client sees them', async () => {
  const { events, hub } = streamHub();
  const live = recordingClient();
  for (let i = 0; i < 3; i++)
    events.emit('delivery:attempted', { subscriptionId: 'known', deliveryId: `d${i}`, attempt });
  await hub.settled();
  hub.connect(live, undefined);
  events.emit('delivery:attempted', { subscriptionId: 'known', deliveryId: 'd3', attempt });
  await hub.settled();

  const resumed = recordingClient();
  hub.connect(resumed, `${hub.epoch}-1`);
  assert.equal(resumed.frames.length, 3);
  assert.equal(resumed.frames[2], live.frames[0], 'the same frame, byte for byte');
  assert.match(
    resumed.frames[0] ?? '',
    /"deliveryId":"d1".*"time":"2026-01-01T00:00:00.000Z"|"time":"2026-01-01T00:00:00.000Z".*"deliveryId":"d1"/,
  );
  hub.close();
});

test('after the window has wrapped, a resume gets exactly what followed its id, and an older id a reset', async () => {
  const { events, hub } = streamHub(); // keeps the last 10
  for (let i = 0; i < 37; i++)
    events.emit('delivery:attempted', { subscriptionId: 'known', deliveryId: `d${i}`, attempt });
  await hub.settled();
  assert.equal(hub.windowSize, 10);

  const resumed = recordingClient();
  hub.connect(resumed, `${hub.epoch}-30`);
  const ids = resumed.frames.map((f) => JSON.parse(/^data: (.*)$/m.exec(f)?.[1] ?? '{}').deliveryId);
  assert.deepEqual(
    ids,
    ['d30', 'd31', 'd32', 'd33', 'd34', 'd35', 'd36'],
    'seq 31–37 are deliveries d30–d36',
  );

  const oldest = recordingClient();
  hub.connect(oldest, `${hub.epoch}-27`); // seq 28 is the oldest held: nothing is missing
  assert.equal(oldest.frames.length, 10);

  const tooOld = recordingClient();
  hub.connect(tooOld, `${hub.epoch}-26`); // seq 27 was dropped
  assert.match(tooOld.frames[0] ?? '', /event: stream\.reset/);
  assert.equal(tooOld.frames.length, 1);
  hub.close();
});
