import { ServerError } from '../cli-error.js';
import type { SubscriptionInfo } from '../commands/api-types.js';
import type { ApiClient } from '../connection/api-client.js';

const PATH = '/restapi/v1.0/subscription';
/** After a failed renewal, try again this soon (or at half the remaining lifetime, if sooner). */
const RETRY_MS = 10_000;

export interface SessionRequest {
  filters: readonly string[];
  address: string;
  verificationToken: string;
  expiresIn: number;
}

export interface SessionEvents {
  renewed(info: SubscriptionInfo): void;
  /** The subscription was gone (deleted, expired, a new database) and was created again. */
  recreated(info: SubscriptionInfo): void;
  renewFailed(error: Error, retryInMs: number): void;
}

/**
 * The subscription `listen` holds: created at start (the server handshakes the local receiver),
 * renewed at half its lifetime while running (and whenever a renewal reminder arrives), created
 * again if it disappeared, deleted at exit.
 */
export class ListenSession {
  #info: SubscriptionInfo | null = null;
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;

  constructor(
    private readonly client: ApiClient,
    private readonly request: SessionRequest,
    private readonly events: SessionEvents,
  ) {}

  get info(): SubscriptionInfo | null {
    return this.#info;
  }

  async create(): Promise<SubscriptionInfo> {
    const info = await this.client.post<SubscriptionInfo>(PATH, {
      eventFilters: this.request.filters,
      deliveryMode: {
        transportType: 'WebHook',
        address: this.request.address,
        verificationToken: this.request.verificationToken,
      },
      expiresIn: this.request.expiresIn,
    });
    this.#info = info;
    this.#schedule(this.#halfLife());
    return info;
  }

  /** Renews now; on 404 creates the subscription again. Failures are reported, then retried. */
  async renew(): Promise<void> {
    const current = this.#info;
    if (!current || this.#stopped) return;
    this.#clear();
    try {
      this.#info = await this.client.post<SubscriptionInfo>(`${PATH}/${current.id}/renew`);
      this.events.renewed(this.#info);
      this.#schedule(this.#halfLife());
    } catch (err) {
      if (this.#stopped) return;
      if (err instanceof ServerError && err.status === 404) {
        try {
          this.events.recreated(await this.create());
          return;
        } catch (again) {
          return this.#failed(again as Error);
        }
      }
      this.#failed(err as Error);
    }
  }

  /** Stops renewing and deletes the subscription; true when it was deleted (or already gone). */
  async delete(): Promise<boolean> {
    this.#stopped = true;
    this.#clear();
    const current = this.#info;
    if (!current) return true;
    try {
      await this.client.delete(`${PATH}/${current.id}`);
      return true;
    } catch (err) {
      if (err instanceof ServerError && err.status === 404) return true;
      throw err;
    }
  }

  #failed(error: Error): void {
    const retryIn = Math.min(RETRY_MS, this.#halfLife());
    this.events.renewFailed(error, retryIn);
    this.#schedule(retryIn);
  }

  #halfLife(): number {
    return Math.max(1000, (this.request.expiresIn * 1000) / 2);
  }

  #schedule(ms: number): void {
    this.#clear();
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.renew(), ms);
  }

  #clear(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
