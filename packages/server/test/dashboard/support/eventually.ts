/**
 * Calls `check` until it returns a value other than undefined, for state a real server reaches by
 * itself (a delivery delivered). Bounded: rejects after `timeoutMs`; not a sleep, it returns as
 * soon as the state is there and asserts nothing about how long that took.
 */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
