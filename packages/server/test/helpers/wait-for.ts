/**
 * Waits until `predicate` holds, checking every few milliseconds, for work done by real sockets
 * or child processes. Bounded: rejects after `timeoutMs`. Not a sleep: it returns as soon as the
 * condition holds, and asserts nothing about how long that took.
 */
export async function waitFor(predicate: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
