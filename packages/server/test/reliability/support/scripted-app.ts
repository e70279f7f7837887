import pino from 'pino';
import { type App, createApp } from '../../../src/app.js';
import { ManualClock } from '../../../src/clock.js';
import { resolveConfig } from '../../../src/config.js';
import type { Send } from '../../../src/dispatcher/dispatcher.js';
import type { SendOutcome, SendRequest } from '../../../src/dispatcher/send-notification.js';
import { createSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { countingRandom } from '../../helpers/test-app.js';

/** One request the scripted sender got, and how to end it (for the ones it holds open). */
export interface ScriptedRequest {
  address: string;
  uuid: string;
  /** The notification as sent, parsed. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read fields of the envelope they sent
  notification: any;
  answer(outcome: SendOutcome): void;
}

/** How a receiver answers: at once, or never until the test ends the request. */
export type Script = (address: string) => SendOutcome | 'hold';

export const OK: SendOutcome = {
  status: 200,
  latencyMs: 1,
  ok: true,
  gone: false,
  error: null,
  responseSnippet: '',
  retryAfterMs: null,
};
export const TIMED_OUT: SendOutcome = {
  ...OK,
  status: null,
  latencyMs: 3000,
  ok: false,
  error: 'I/O operation is failed. Details: [Read timed out]',
  responseSnippet: null,
};
export const REFUSED: SendOutcome = {
  ...TIMED_OUT,
  latencyMs: 1,
  error: 'I/O operation is failed. Details: [Connection refused]',
};

export interface ScriptedApp {
  app: App;
  clock: ManualClock;
  /** Every request sent, in order; held ones stay open until `answer` is called. */
  requests: ScriptedRequest[];
  /** The requests still open. */
  open(): ScriptedRequest[];
  script: { current: Script };
  // biome-ignore lint/suspicious/noExplicitAny: tests assert response bodies field by field
  call(method: string, url: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>;
  /** A user token of another account's extension. */
  userOf(accountId: string, extensionId: string): Promise<string>;
  subscribe(address: string, token?: string): Promise<string>;
}

function notificationOf(request: SendRequest): unknown {
  const text = typeof request.body === 'string' ? request.body : Buffer.concat(request.body).toString('utf8');
  return JSON.parse(text);
}

/**
 * The whole server in process on a ManualClock, its deliveries going to a scripted `send`
 * (no sockets), every handshake passing: receivers that hang or refuse, on the injected clock.
 */
export async function startScriptedApp(overrides: Record<string, unknown>): Promise<ScriptedApp> {
  const clock = new ManualClock();
  const requests: ScriptedRequest[] = [];
  const openRequests = new Set<ScriptedRequest>();
  const script = { current: ((): SendOutcome => OK) as Script };
  const send: Send = (_pools, request) =>
    new Promise((resolve) => {
      const notification = notificationOf(request) as { uuid: string };
      const sent: ScriptedRequest = {
        address: request.address,
        uuid: notification.uuid,
        notification,
        answer: (outcome) => {
          openRequests.delete(sent);
          resolve(outcome);
        },
      };
      requests.push(sent);
      const answer = script.current(request.address);
      if (answer === 'hold') openRequests.add(sent);
      else sent.answer(answer);
    });
  const app = await createApp({
    config: resolveConfig({
      flags: { port: 0, logLevel: 'silent', dataDir: '/nonexistent', retryJitter: 0, ...overrides },
    }),
    clock,
    random: countingRandom(),
    logger: pino({ level: 'silent' }),
    store: createSqliteStore({ filename: ':memory:' }),
    handshake: async () => ({ ok: true, latencyMs: 1 }),
    send,
  });
  const admin = app.createdAdminToken ?? '';
  const call: ScriptedApp['call'] = async (method, url, body, token = admin) => {
    const res = await app.api.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: res.statusCode, body: JSON.parse(res.body || 'null') };
  };
  return {
    app,
    clock,
    requests,
    open: () => [...openRequests],
    script,
    call,
    async userOf(accountId, extensionId) {
      const res = await call('POST', '/v1/tokens', { role: 'user', name: 'u', accountId, extensionId });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body.token as string;
    },
    async subscribe(address, token = admin) {
      const res = await call(
        'POST',
        '/restapi/v1.0/subscription',
        {
          eventFilters: ['/restapi/v1.0/account/~/extension/~/presence'],
          deliveryMode: { transportType: 'WebHook', address },
        },
        token,
      );
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
      return res.body.id as string;
    },
  };
}
