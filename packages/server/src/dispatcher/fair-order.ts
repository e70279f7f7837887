/** What the fair order compares about a subscription that could start an attempt now. */
export interface StartCandidate {
  subscriptionId: string;
  /** Attempts in flight of the subscription's account, divided by the account's weight. */
  accountLoad: number;
  /** Attempts in flight of the subscription. */
  inFlight: number;
  /** When the subscription last started one (a counter): the longest-waiting goes first. */
  lastStarted: number;
}

/**
 * The candidate whose attempt starts next: the least loaded account first, then within it the
 * subscription with the fewest in flight, then the one that waited longest. A slot that frees
 * therefore goes to whoever holds least, never back to the subscription that just had it because
 * it had it (docs/reliability.md "Fair delivery"): deficit round-robin with one attempt as the
 * quantum, across accounts and then across subscriptions.
 */
export function firstInFairOrder<T extends StartCandidate>(candidates: Iterable<T>): T | null {
  let best: T | null = null;
  for (const c of candidates) if (best === null || before(c, best)) best = c;
  return best;
}

function before(a: StartCandidate, b: StartCandidate): boolean {
  if (a.accountLoad !== b.accountLoad) return a.accountLoad < b.accountLoad;
  if (a.inFlight !== b.inFlight) return a.inFlight < b.inFlight;
  return a.lastStarted < b.lastStarted;
}
