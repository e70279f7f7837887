import type { SendOutcome } from './send-notification.js';

/** What an attempt says about its receiver, for pacing. */
export type ReceiverVerdict =
  /** 2xx, or an answer about this request (4xx, 3xx): the receiver is there. */
  | 'up'
  /** An answer saying "not now": 408, 429, 5xx. The subscription backs off, its origin does not. */
  | 'unavailable'
  /** No answer: refused, reset, timed out, TLS or DNS failure. The subscription and its origin back off. */
  | 'unreachable'
  /** 410 Gone: the receiver asked to stop; nothing more starts until the blacklisting takes its queue. */
  | 'gone';

/** The verdict of one send's outcome. */
export function receiverVerdict(outcome: SendOutcome): ReceiverVerdict {
  if (outcome.ok) return 'up';
  if (outcome.gone) return 'gone';
  if (outcome.status === null || /timed out/.test(outcome.error ?? '')) return 'unreachable';
  const status = outcome.status;
  return status === 408 || status === 429 || status >= 500 ? 'unavailable' : 'up';
}

interface BackoffState {
  /** Back-off rounds so far; round n waits `schedule[n - 1]` (the last entry once past the end). */
  round: number;
  /** No delivery never attempted starts before this. */
  retryAt: number;
  /** The delivery sent as this round's probe, while it is in flight. */
  probeId: string | null;
}

/** A receiver that answered 410: no round ever ends. */
const STOPPED: Readonly<BackoffState> = { round: 0, retryAt: Number.POSITIVE_INFINITY, probeId: null };

/**
 * Backs a failing receiver off as a whole (docs/reliability.md "Failures are cheap"): once an
 * attempt of a subscription gets no answer or a "not now", deliveries of it never attempted
 * wait; at the end of each round ONE of them goes as a probe, and the first success anywhere
 * (probe or a retry) lets the whole queue go again. Retries keep their own schedule and go when
 * due: the back-off only stops a queue of a thousand from costing a thousand failed attempts per
 * round. The same per origin, on "no answer" only, so ten subscriptions at one dead host cost one
 * probe per round between them. Rounds wait as the retry schedule does: 5 s, 30 s, 2 min, ….
 *
 * @example
 * backoff.record(claim.subscription.id, origin, claim.delivery.id, receiverVerdict(outcome), now);
 * backoff.mayStartFresh(subscriptionId, origin, now); // false while backing off
 */
export class ReceiverBackoff {
  private readonly bySubscription = new Map<string, BackoffState>();
  private readonly byOrigin = new Map<string, BackoffState>();
  /** How many back-offs have ended (an answer after failures): what waited on one may start. */
  recoveries = 0;

  constructor(private readonly schedule: readonly number[]) {}

  /** True while the subscription or its origin is backing off: it gets the failing share of slots. */
  isFailing(subscriptionId: string, origin: string): boolean {
    return this.bySubscription.has(subscriptionId) || this.byOrigin.has(origin);
  }

  /** True once the subscription's receiver answered 410 Gone: none of its deliveries starts. */
  isStopped(subscriptionId: string): boolean {
    return this.bySubscription.get(subscriptionId) === STOPPED;
  }

  /** May a delivery of this subscription that was never attempted start now? */
  mayStartFresh(subscriptionId: string, origin: string, now: number): boolean {
    return isOpen(this.bySubscription.get(subscriptionId), now) && isOpen(this.byOrigin.get(origin), now);
  }

  /**
   * When deliveries never attempted may start again: the end of the current round, or, once it
   * is over and its probe is out, the end of the round that follows should the probe fail
   * (a success makes them due at once, `BackingOffBacklog`). 0 when not backing off.
   */
  resumesAt(subscriptionId: string, origin: string, now: number): number {
    const ends = [this.bySubscription.get(subscriptionId), this.byOrigin.get(origin)].map((state) => {
      if (state === undefined || state === STOPPED) return 0;
      return state.retryAt > now ? state.retryAt : now + this.wait(state.round + 1);
    });
    return Math.max(...ends);
  }

  /** A delivery never attempted starts: while backing off, it is the round's probe. */
  startedFresh(subscriptionId: string, origin: string, deliveryId: string): void {
    for (const state of [this.bySubscription.get(subscriptionId), this.byOrigin.get(origin)])
      if (state && state !== STOPPED) state.probeId = deliveryId;
  }

  /** Takes one attempt's verdict. */
  record(
    subscriptionId: string,
    origin: string,
    deliveryId: string,
    verdict: ReceiverVerdict,
    now: number,
  ): void {
    if (verdict === 'gone') {
      this.bySubscription.set(subscriptionId, STOPPED);
      return;
    }
    if (this.isStopped(subscriptionId)) return;
    if (verdict === 'up') {
      const subscriptionWas = this.bySubscription.delete(subscriptionId);
      if (this.byOrigin.delete(origin) || subscriptionWas) this.recoveries += 1;
      return;
    }
    this.failed(this.bySubscription, subscriptionId, deliveryId, now);
    if (verdict === 'unreachable') this.failed(this.byOrigin, origin, deliveryId, now);
  }

  /** The subscription was blacklisted: its return starts afresh. */
  forget(subscriptionId: string): void {
    this.bySubscription.delete(subscriptionId);
  }

  private failed(states: Map<string, BackoffState>, key: string, deliveryId: string, now: number): void {
    const state = states.get(key);
    if (!state) {
      states.set(key, { round: 1, retryAt: now + this.wait(1), probeId: null });
      return;
    }
    // Attempts started together with the first failure end in it too: one round, not one each.
    const probeFailed = state.probeId === deliveryId;
    if (!probeFailed && now < state.retryAt) return;
    state.round += 1;
    state.retryAt = now + this.wait(state.round);
    if (probeFailed) state.probeId = null;
  }

  private wait(round: number): number {
    return this.schedule[Math.min(round, this.schedule.length) - 1] ?? 0;
  }
}

function isOpen(state: BackoffState | undefined, now: number): boolean {
  return state === undefined || (state.probeId === null && now >= state.retryAt);
}
