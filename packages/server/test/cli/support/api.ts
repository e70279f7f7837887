import assert from 'node:assert/strict';
import type { CliServer } from './cli-server.js';

/** A direct API call with the admin token, for a test's own setup and checks. */
// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies field by field
export async function api(server: CliServer, method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${server.token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Creates a subscription of the admin's extension (1001/2001) at `address`. */
export async function subscribe(server: CliServer, address: string, filters: string[]): Promise<string> {
  const created = await api(server, 'POST', '/restapi/v1.0/subscription', {
    eventFilters: filters,
    deliveryMode: { transportType: 'WebHook', address },
  });
  return created.id;
}

/** Polls an async condition until it holds; bounded like `waitFor`. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
