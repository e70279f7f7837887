/** A subscription the fair order rotates through: its id and its account. */
export interface FairMember {
  id: string;
  accountId: string;
}

interface AccountTurns<T> {
  id: string;
  inFlight: number;
  /** A counter: when the account last started one. */
  lastStarted: number;
  /** Members that may have something to start, in turn order (a Set keeps insertion order). */
  ready: Set<T>;
  /** Every member, ready or parked. */
  members: number;
  /** Where the account sits in the heap of accounts with a ready member; -1 when not there. */
  heapIndex: number;
}

/**
 * Which subscription's attempt starts next when a slot frees (docs/reliability.md "Fair
 * delivery"): the account with the fewest attempts in flight first (the one that waited longest
 * among equals), then within it the next subscription in turn that may start. A freed slot goes
 * to whoever holds least, never back to the subscription that just had it because it had it:
 * deficit round-robin with one attempt as the quantum, every account weighing the same.
 *
 * **A pick costs O(log accounts), however many subscriptions wait.** Accounts with a member that
 * may start sit in a heap on (in flight, last started); a member `choose` turns down is *parked*
 * and not asked again until its owner `wake`s it (its queue grew, an attempt of it or of its
 * origin ended, its back-off round is over). Sorting every account and asking every member on
 * every pick cost 35 µs per attempt with 2,000 accounts, and each subscription backing off was
 * asked on every pick only to say no (docs/performance.md "Eleventh round").
 *
 * @example
 * const order = new FairOrder<Held>();
 * order.add(held);
 * const next = order.next((held) => (held.queued.length > 0 ? 0 : null)); // { member, choice } | null
 * order.wake(held); // after its queue grew: asked again
 */
export class FairOrder<T extends FairMember> {
  private readonly accounts = new Map<string, AccountTurns<T>>();
  private readonly heap: AccountTurns<T>[] = [];
  private readonly parked = new Set<T>();
  private counter = 0;

  add(member: T): void {
    const account = this.accountOf(member.accountId);
    account.members += 1;
    account.ready.add(member);
    if (account.heapIndex < 0) this.push(account);
  }

  remove(member: T): void {
    const account = this.accounts.get(member.accountId);
    if (!account) return;
    const known = account.ready.delete(member) || this.parked.delete(member);
    if (!known) return;
    account.members -= 1;
    if (account.ready.size === 0 && account.heapIndex >= 0) this.removeAt(account.heapIndex);
    this.dropIfIdle(account);
  }

  /** Counts an attempt of `member` in or out of its account's load. */
  inFlight(member: T, by: 1 | -1): void {
    const account = this.accounts.get(member.accountId);
    if (!account) return;
    account.inFlight += by;
    if (by === 1) account.lastStarted = ++this.counter;
    if (account.heapIndex >= 0) this.fix(account.heapIndex);
    this.dropIfIdle(account);
  }

  /** A parked member may have something to start again: it is asked at the next pick. */
  wake(member: T): void {
    if (!this.parked.delete(member)) return;
    const account = this.accounts.get(member.accountId) as AccountTurns<T>;
    account.ready.add(member);
    if (account.heapIndex < 0) this.push(account);
  }

  /** Every parked member is asked again at the next pick. */
  wakeAll(): void {
    for (const member of this.parked) this.wake(member); // deleting the one visited is safe
  }

  /**
   * The first member in fair order for which `choose` returns a choice (e.g. which of its queued
   * deliveries may start), or null when none may start. Members it turns down are parked.
   */
  next<C>(choose: (member: T) => C | null): { member: T; choice: C } | null {
    while (this.heap.length > 0) {
      const account = this.heap[0] as AccountTurns<T>;
      for (const member of account.ready) {
        const choice = choose(member);
        account.ready.delete(member);
        if (choice === null) {
          this.parked.add(member);
          continue;
        }
        account.ready.add(member); // its turn is taken: to the back of the account's turns
        return { member, choice };
      }
      this.removeAt(0);
    }
    return null;
  }

  private accountOf(accountId: string): AccountTurns<T> {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = { id: accountId, inFlight: 0, lastStarted: 0, ready: new Set(), members: 0, heapIndex: -1 };
      this.accounts.set(accountId, account);
    }
    return account;
  }

  private dropIfIdle(account: AccountTurns<T>): void {
    if (account.members > 0 || account.inFlight > 0) return;
    this.accounts.delete(account.id);
  }

  // A binary min-heap on (inFlight, lastStarted), each account knowing its index.

  private before(a: AccountTurns<T>, b: AccountTurns<T>): boolean {
    return a.inFlight < b.inFlight || (a.inFlight === b.inFlight && a.lastStarted < b.lastStarted);
  }

  private push(account: AccountTurns<T>): void {
    account.heapIndex = this.heap.length;
    this.heap.push(account);
    this.up(account.heapIndex);
  }

  private removeAt(index: number): void {
    const removed = this.heap[index] as AccountTurns<T>;
    const last = this.heap.pop() as AccountTurns<T>;
    removed.heapIndex = -1;
    if (last === removed) return;
    this.heap[index] = last;
    last.heapIndex = index;
    this.fix(index);
  }

  private fix(index: number): void {
    const account = this.heap[index] as AccountTurns<T>;
    this.up(index);
    this.down(account.heapIndex);
  }

  private up(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.heap[i] as AccountTurns<T>, this.heap[parent] as AccountTurns<T>)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (
        left < this.heap.length &&
        this.before(this.heap[left] as AccountTurns<T>, this.heap[best] as AccountTurns<T>)
      )
        best = left;
      if (
        right < this.heap.length &&
        this.before(this.heap[right] as AccountTurns<T>, this.heap[best] as AccountTurns<T>)
      )
        best = right;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }

  private swap(i: number, j: number): void {
    const a = this.heap[i] as AccountTurns<T>;
    const b = this.heap[j] as AccountTurns<T>;
    this.heap[i] = b;
    this.heap[j] = a;
    a.heapIndex = j;
    b.heapIndex = i;
  }
}
