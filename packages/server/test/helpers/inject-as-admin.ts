import type { App } from '../../src/app.js';

/**
 * A JSON request through `app.api.inject` (no HTTP listener needed) with the admin token the app
 * made on its first start; the status and the parsed body.
 */
export async function injectAsAdmin(
  app: App,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: tests read fields of the answers they asked for
): Promise<{ status: number; body: any }> {
  const res = await app.api.inject({
    method,
    url,
    headers: { authorization: `Bearer ${app.createdAdminToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: res.statusCode, body: JSON.parse(res.body || 'null') };
}
