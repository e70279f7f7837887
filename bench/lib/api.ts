import { Pool } from 'undici';

/** A keep-alive client for the server's API, as a publisher would use it. */
export class ApiClient {
  private readonly pool: Pool;

  constructor(
    readonly base: string,
    private readonly token: string,
  ) {
    this.pool = new Pool(base, { connections: 8 });
  }

  async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
    // biome-ignore lint/suspicious/noExplicitAny: benchmark reads a few known fields of API answers
  ): Promise<{ status: number; json: any }> {
    const res = await this.pool.request({
      method,
      path,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.body.text();
    return { status: res.statusCode, json: text ? JSON.parse(text) : undefined };
  }

  /** `extra`: more fields of the create body, e.g. Switchboard's `ordering` (docs/ordering.md). */
  async subscribe(address: string, filters: string[], extra: Record<string, unknown> = {}): Promise<string> {
    const res = await this.call('POST', '/restapi/v1.0/subscription', {
      eventFilters: filters,
      deliveryMode: { transportType: 'WebHook', address, verificationToken: 'bench-token' },
      ...extra,
    });
    if (res.status !== 200) throw new Error(`subscribe failed: ${res.status} ${JSON.stringify(res.json)}`);
    return res.json.id as string;
  }

  async publish(events: Array<{ event: string; body: unknown }>): Promise<number> {
    const res = await this.call('POST', '/v1/events', { events });
    if (res.status !== 202) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.json)}`);
    return (res.json.events as Array<{ matched: number }>).reduce((n, e) => n + e.matched, 0);
  }

  /**
   * The server's own count of delivery attempts, from /metrics
   * (`switchboard_delivery_attempts_total`, summed over its labels), by result.
   */
  async attempts(): Promise<{ success: number; failure: number }> {
    const res = await this.pool.request({
      method: 'GET',
      path: '/metrics',
      headers: { authorization: `Bearer ${this.token}` },
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`metrics failed: ${res.statusCode} ${text}`);
    const counts = { success: 0, failure: 0 };
    for (const m of text.matchAll(
      /^switchboard_delivery_attempts_total\{result="(success|failure)"[^}]*\} (\d+)/gm,
    ))
      counts[m[1] as 'success' | 'failure'] += Number(m[2]);
    return counts;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
