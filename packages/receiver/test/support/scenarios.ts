import type { WebhookHandlerOptions } from '../../src/create-webhook-handler.js';
import type { Adapter } from './adapter-servers.js';
import {
  envelopeJson,
  handshakeRequest,
  NEW_SECRET,
  NOW_MS,
  NOW_SECONDS,
  notificationRequest,
  OLD_SECRET,
  signatureHeaders,
  type TestRequest,
  TOKEN,
  UUID,
} from './requests.js';

/** What one response must be. `headers`: exact values; `null` means the header must be absent. */
export interface ExpectedResponse {
  status: number;
  headers?: Record<string, string | null>;
  /** Exact body text. */
  body?: string;
}

/** One row of the table every adapter runs. */
export interface Scenario {
  name: string;
  options?: Partial<WebhookHandlerOptions>;
  /** How many times the handler fails before succeeding. */
  handlerFailures?: number;
  preParsed?: boolean;
  /** Sent one after the other. */
  requests: () => Promise<TestRequest[]>;
  expect: (adapter: Adapter) => ExpectedResponse[];
  /** uuids processed by the handler, in order. */
  processed: (adapter: Adapter) => string[];
}

const HANDSHAKE_OK: ExpectedResponse = {
  status: 200,
  headers: {
    'validation-token': '11112222-3333-4444-5555-666677778888',
    'content-type': 'application/json',
  },
  body: '',
};
const ACK: ExpectedResponse = { status: 200, headers: { 'validation-token': null }, body: '' };
const error = (status: number, code: string): ExpectedResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ error: code }),
});

const signed = { verificationToken: TOKEN, signingSecret: NEW_SECRET };
const once = (request: () => Promise<TestRequest> | TestRequest) => async () => [await request()];

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'handshake: echoes Validation-Token, JSON content type, empty body',
    requests: once(() => handshakeRequest()),
    expect: () => [HANDSHAKE_OK],
    processed: () => [],
  },
  {
    name: 'handshake with the right Verification-Token',
    options: { verificationToken: TOKEN },
    requests: once(() => handshakeRequest({ token: TOKEN })),
    expect: () => [HANDSHAKE_OK],
    processed: () => [],
  },
  {
    name: 'handshake with a wrong Verification-Token is refused, token not echoed',
    options: { verificationToken: TOKEN },
    requests: once(() => handshakeRequest({ token: 'wrong' })),
    expect: () => [{ ...error(401, 'invalid_verification_token'), headers: { 'validation-token': null } }],
    processed: () => [],
  },
  {
    name: 'valid notification (token and signature)',
    options: signed,
    requests: once(() => notificationRequest({ token: TOKEN, secrets: [NEW_SECRET] })),
    expect: () => [ACK],
    processed: () => [UUID],
  },
  {
    name: 'valid notification answered first, processed after (ack-first)',
    options: { ...signed, mode: 'ack-first' },
    requests: once(() => notificationRequest({ token: TOKEN, secrets: [NEW_SECRET] })),
    expect: () => [ACK],
    processed: () => [UUID],
  },
  {
    name: 'wrong Verification-Token',
    options: signed,
    requests: once(() => notificationRequest({ token: 'wrong', secrets: [NEW_SECRET] })),
    expect: () => [error(401, 'invalid_verification_token')],
    processed: () => [],
  },
  {
    name: 'missing Verification-Token when one is configured',
    options: { verificationToken: TOKEN },
    requests: once(() => notificationRequest()),
    expect: () => [error(401, 'missing_verification_token')],
    processed: () => [],
  },
  {
    name: 'tampered body',
    options: signed,
    requests: once(async () => {
      const request = await notificationRequest({ token: TOKEN, secrets: [NEW_SECRET] });
      return { ...request, body: request.body.replace('Available', 'Offline') };
    }),
    expect: () => [error(401, 'invalid_signature')],
    processed: () => [],
  },
  {
    name: 'missing signature when a signing secret is configured',
    options: signed,
    requests: once(() => notificationRequest({ token: TOKEN })),
    expect: () => [error(401, 'missing_signature')],
    processed: () => [],
  },
  {
    name: 'stale timestamp (301 s old, tolerance 300 s)',
    options: signed,
    requests: once(() =>
      notificationRequest({ token: TOKEN, secrets: [NEW_SECRET], timestamp: NOW_SECONDS - 301 }),
    ),
    expect: () => [error(401, 'stale_timestamp')],
    processed: () => [],
  },
  {
    name: 'rotation: old and new signatures in one header, receiver knows only the new secret',
    options: signed,
    requests: once(() => notificationRequest({ token: TOKEN, secrets: [OLD_SECRET, NEW_SECRET] })),
    expect: () => [ACK],
    processed: () => [UUID],
  },
  {
    name: 'rotation: receiver accepts old and new secrets, request signed with the old one',
    options: { verificationToken: [TOKEN, 'next-token'], signingSecret: [NEW_SECRET, OLD_SECRET] },
    requests: once(() => notificationRequest({ token: TOKEN, secrets: [OLD_SECRET] })),
    expect: () => [ACK],
    processed: () => [UUID],
  },
  {
    name: 'duplicate: the same uuid twice is answered twice, processed once',
    options: signed,
    requests: async () => {
      const request = await notificationRequest({ token: TOKEN, secrets: [NEW_SECRET] });
      return [request, request];
    },
    expect: () => [ACK, ACK],
    processed: () => [UUID],
  },
  {
    name: 'process-then-answer: a failing handler gets 500 and the retry is processed',
    options: { ...signed, mode: 'process-then-answer' },
    handlerFailures: 1,
    requests: async () => {
      const request = await notificationRequest({ token: TOKEN, secrets: [NEW_SECRET] });
      return [request, request];
    },
    expect: () => [error(500, 'processing_failed'), ACK],
    processed: () => [UUID],
  },
  {
    name: 'Validation-Token on a request with a body: processed as a notification, not echoed',
    options: { verificationToken: TOKEN },
    requests: once(async () => {
      const request = await notificationRequest({ token: TOKEN });
      return { ...request, headers: { ...request.headers, 'validation-token': 'should-not-echo' } };
    }),
    expect: () => [ACK],
    processed: () => [UUID],
  },
  {
    name: 'invalid JSON',
    options: signed,
    requests: once(() => notificationRequest({ token: TOKEN, secrets: [NEW_SECRET], body: '{"uuid": "1",' })),
    expect: () => [error(400, 'invalid_json')],
    processed: () => [],
  },
  {
    name: 'invalid envelope (no subscriptionId)',
    requests: once(() => notificationRequest({ body: envelopeJson({ subscriptionId: undefined }) })),
    expect: () => [error(400, 'invalid_envelope')],
    processed: () => [],
  },
  {
    name: 'empty body without Validation-Token',
    requests: once(() => ({ headers: { 'content-type': 'application/json' }, body: '' })),
    expect: () => [error(400, 'missing_body')],
    processed: () => [],
  },
  {
    name: 'oversized body (maxBodyBytes 1024)',
    options: { ...signed, maxBodyBytes: 1024 },
    requests: once(() =>
      notificationRequest({
        token: TOKEN,
        secrets: [NEW_SECRET],
        body: envelopeJson({ padding: 'x'.repeat(2048) }),
      }),
    ),
    expect: () => [error(413, 'body_too_large')],
    processed: () => [],
  },
  {
    name: 'parsed body without raw bytes, signatures configured',
    options: signed,
    preParsed: true,
    requests: once(() => notificationRequest({ token: TOKEN, secrets: [NEW_SECRET] })),
    expect: () => [error(500, 'raw_body_unavailable')],
    processed: () => [],
  },
  {
    name: 'parsed body without raw bytes, token only: the parsed body is used',
    options: { verificationToken: TOKEN },
    preParsed: true,
    requests: once(() => notificationRequest({ token: TOKEN })),
    expect: (adapter) => [adapter.keepsParsedBody ? ACK : error(500, 'raw_body_unavailable')],
    processed: (adapter) => (adapter.keepsParsedBody ? [UUID] : []),
  },
  {
    name: 'signed handshake (Switchboard signs handshakes too)',
    options: signed,
    requests: once(async () => {
      const request = handshakeRequest({ token: TOKEN });
      return { ...request, headers: { ...request.headers, ...(await signatureHeaders('', [NEW_SECRET])) } };
    }),
    expect: () => [HANDSHAKE_OK],
    processed: () => [],
  },
];

/** Options every scenario shares: the injected clock and a deterministic mode. */
export const BASE_OPTIONS = { now: () => NOW_MS, mode: 'process-then-answer' } as const;
