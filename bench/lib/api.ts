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

  close(): Promise<void> {
    return this.pool.close();
  }
}
