import type { DedupeStore } from './dedupe-store.js';

/** Options of `MemoryDedupeStore`. */
export interface MemoryDedupeStoreOptions {
  /**
   * How many uuids to remember; the least recently seen is dropped first. Default 10 000:
   * about 1 MB, and far more notifications than a sender retries at once.
   */
  maxEntries?: number;
}

export const DEFAULT_DEDUPE_MAX_ENTRIES = 10_000;

/**
 * The default dedupe store: an in-process LRU of uuids with bounded memory. Each receiver gets
 * its own. For several processes or instances, use a shared `DedupeStore` instead.
 *
 * @example
 * const handler = createNodeHandler({
 *   dedupe: new MemoryDedupeStore({ maxEntries: 100_000 }),
 *   onNotification: (notification) => console.log(notification.uuid),
 * });
 */
export class MemoryDedupeStore implements DedupeStore {
  readonly maxEntries: number;
  // A Map iterates in insertion order; re-inserting a key on every hit makes it an LRU.
  readonly #seen = new Map<string, true>();

  constructor(options: MemoryDedupeStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_DEDUPE_MAX_ENTRIES;
    if (!Number.isInteger(maxEntries) || maxEntries < 1) {
      throw new TypeError('MemoryDedupeStore: maxEntries must be a positive integer');
    }
    this.maxEntries = maxEntries;
  }

  /** How many uuids are remembered now. */
  get size(): number {
    return this.#seen.size;
  }

  checkAndRemember(uuid: string): boolean {
    const seen = this.#seen.delete(uuid);
    this.#seen.set(uuid, true);
    if (this.#seen.size > this.maxEntries) this.#dropLeastRecent();
    return seen;
  }

  forget(uuid: string): void {
    this.#seen.delete(uuid);
  }

  #dropLeastRecent(): void {
    const oldest = this.#seen.keys().next();
    if (!oldest.done) this.#seen.delete(oldest.value);
  }
}
