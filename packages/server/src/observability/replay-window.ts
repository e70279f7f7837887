/**
 * The last `capacity` items in a ring: adding one when full drops the oldest in constant time.
 * An array's `shift()` does too only while the array is small; at 100,000 held it copied the whole
 * array on every add, 134.9 µs per delivery attempt in the stream hub (docs/performance.md "Ninth
 * round").
 *
 * @example
 * const window = new ReplayWindow<number>(3);
 * for (const n of [1, 2, 3, 4]) window.push(n);
 * window.toArray(); // [2, 3, 4]
 */
export class ReplayWindow<T> {
  private readonly items: Array<T | undefined>;
  /** Index of the oldest item. */
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(Math.max(0, capacity));
  }

  get size(): number {
    return this.count;
  }

  /** The oldest item held, if any. */
  first(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.start];
  }

  push(item: T): void {
    if (this.capacity === 0) return;
    if (this.count < this.capacity) {
      this.items[(this.start + this.count) % this.capacity] = item;
      this.count += 1;
      return;
    }
    this.items[this.start] = item;
    this.start = (this.start + 1) % this.capacity;
  }

  /** The items from the `skip`-th oldest on, oldest first. */
  toArray(skip = 0): T[] {
    const out: T[] = [];
    for (let i = Math.max(0, skip); i < this.count; i++)
      out.push(this.items[(this.start + i) % this.capacity] as T);
    return out;
  }
}
