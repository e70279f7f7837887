/** A subscription the fair order rotates through: its id and its account. */
export interface FairMember {
  id: string;
  accountId: string;
}

interface AccountTurns<T> {
  inFlight: number;
  /** A counter: when the account last started one. */
  lastStarted: number;
  members: T[];
  /** Where the next scan of `members` starts: one past the last that started. */
  cursor: number;
}

/**
 * Which subscription's attempt starts next when a slot frees (docs/reliability.md "Fair
 * delivery"): the account with the fewest attempts in flight first (the one that waited longest
 * among equals), then within it the next subscription in turn that may start. A freed slot goes
 * to whoever holds least, never back to the subscription that just had it because it had it:
 * deficit round-robin with one attempt as the quantum, every account weighing the same.
 *
 * @example
 * const order = new FairOrder<Held>();
 * order.add(held);
 * const next = order.next((held) => (held.queued.length > 0 ? 0 : null)); // { member, choice } | null
 */
export class FairOrder<T extends FairMember> {
  private readonly accounts = new Map<string, AccountTurns<T>>();
  private counter = 0;

  add(member: T): void {
    let account = this.accounts.get(member.accountId);
    if (!account) {
      account = { inFlight: 0, lastStarted: 0, members: [], cursor: 0 };
      this.accounts.set(member.accountId, account);
    }
    account.members.push(member);
  }

  remove(member: T): void {
    const account = this.accounts.get(member.accountId);
    if (!account) return;
    const index = account.members.indexOf(member);
    if (index >= 0) account.members.splice(index, 1);
    if (index >= 0 && index < account.cursor) account.cursor -= 1;
    if (account.members.length === 0 && account.inFlight === 0) this.accounts.delete(member.accountId);
  }

  /** Counts an attempt of `member` in or out of its account's load. */
  inFlight(member: T, by: 1 | -1): void {
    const account = this.accounts.get(member.accountId);
    if (!account) return;
    account.inFlight += by;
    if (by === 1) account.lastStarted = ++this.counter;
    if (account.members.length === 0 && account.inFlight === 0) this.accounts.delete(member.accountId);
  }

  /**
   * The first member in fair order for which `choose` returns a choice (e.g. which of its queued
   * deliveries may start), or null when none may start.
   */
  next<C>(choose: (member: T) => C | null): { member: T; choice: C } | null {
    const byLoad = [...this.accounts.values()].sort(
      (a, b) => a.inFlight - b.inFlight || a.lastStarted - b.lastStarted,
    );
    for (const account of byLoad) {
      const { members } = account;
      for (let step = 0; step < members.length; step++) {
        const index = (account.cursor + step) % members.length;
        const member = members[index] as T;
        const choice = choose(member);
        if (choice === null) continue;
        account.cursor = index + 1;
        return { member, choice };
      }
    }
    return null;
  }
}
