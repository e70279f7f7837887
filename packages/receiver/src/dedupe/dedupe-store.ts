/**
 * Remembers which notifications were received, keyed by the envelope's `uuid` (stable across a
 * sender's retries of one notification, ringcentral-protocol.md §5.3, §7.6).
 *
 * Both methods may return a promise, so a store can live in Redis or a database and be shared
 * by every instance of a receiver.
 *
 * @example
 * // Redis (ioredis): SET NX claims atomically; the TTL bounds memory.
 * const redisDedupe: DedupeStore = {
 *   async checkAndRemember(uuid) {
 *     return (await redis.set(`webhook:${uuid}`, '1', 'EX', 172_800, 'NX')) === null;
 *   },
 *   async forget(uuid) {
 *     await redis.del(`webhook:${uuid}`);
 *   },
 * };
 */
export interface DedupeStore {
  /**
   * Records `uuid` and says whether it was recorded before: `true` means a duplicate.
   * Must be atomic (check and record in one step), so that two deliveries of one notification
   * racing each other are not both processed.
   */
  checkAndRemember(uuid: string): boolean | Promise<boolean>;
  /**
   * Removes `uuid`, so that a redelivery is processed again. Called when processing failed:
   * a notification counts as seen only once it was handled.
   */
  forget(uuid: string): void | Promise<void>;
}
