import { sign } from '../../src/protocol/signature.js';

/** The injected clock: no test sleeps or depends on the real time. */
export const NOW_MS = Date.UTC(2026, 0, 8, 10, 0, 0);
export const NOW_SECONDS = NOW_MS / 1000;

export const TOKEN = 'verification-token-1';
export const OLD_SECRET = `whsec_${Buffer.alloc(24, 1).toString('base64')}`;
export const NEW_SECRET = `whsec_${Buffer.alloc(24, 2).toString('base64')}`;
export const UUID = '7e8f2c2a-0f43-4a43-9d0a-5a2c6c1f0b11';

/** A request as the test sends it. */
export interface TestRequest {
  headers: Record<string, string>;
  body: string;
}

/** A Switchboard-style notification envelope, as JSON text. */
export function envelopeJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    uuid: UUID,
    event: '/restapi/v1.0/account/1001/extension/2001/presence',
    timestamp: '2026-01-08T10:00:00.000Z',
    subscriptionId: 'dd2f0ff2-580e-4581-a277-76f9c9a54bc9',
    ownerId: '2001',
    body: { extensionId: '2001', presenceStatus: 'Available', sequence: 1 },
    ...overrides,
  });
}

/** A notification as Switchboard sends it: JSON headers, optional token and signatures. */
export async function notificationRequest(
  options: {
    body?: string;
    token?: string;
    secrets?: readonly string[];
    timestamp?: number;
    id?: string;
  } = {},
): Promise<TestRequest> {
  const body = options.body ?? envelopeJson();
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=UTF-8',
    'user-agent': 'RingCentral-Webhook/8.3 (Switchboard/0.1.0)',
  };
  if (options.token !== undefined) headers['verification-token'] = options.token;
  if (options.secrets) Object.assign(headers, await signatureHeaders(body, options.secrets, options));
  return { headers, body };
}

/** The handshake request (ringcentral-protocol.md §4.2). */
export function handshakeRequest(options: { token?: string; validationToken?: string } = {}): TestRequest {
  const headers: Record<string, string> = {
    'validation-token': options.validationToken ?? '11112222-3333-4444-5555-666677778888',
    'content-type': 'application/json',
  };
  if (options.token !== undefined) headers['verification-token'] = options.token;
  return { headers, body: '' };
}

export async function signatureHeaders(
  body: string,
  secrets: readonly string[],
  options: { timestamp?: number; id?: string } = {},
): Promise<Record<string, string>> {
  const id = options.id ?? UUID;
  const timestamp = options.timestamp ?? NOW_SECONDS;
  const signatures = await Promise.all(secrets.map((secret) => sign(secret, id, timestamp, body)));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatures.join(' '),
  };
}

/** What the test got back. */
export interface TestResponse {
  status: number;
  headers: Headers;
  body: string;
}

export async function send(url: string, request: TestRequest): Promise<TestResponse> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  return { status: response.status, headers: response.headers, body: await response.text() };
}
