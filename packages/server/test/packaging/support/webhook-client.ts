import { createHmac, randomBytes, randomUUID } from 'node:crypto';

/** The subscription's secrets, as Switchboard would have handed them to the app. */
export const VERIFICATION_TOKEN = 'packaging-test-token';
export const SIGNING_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

/**
 * Standard Webhooks headers for `body`: HMAC-SHA256 over `id.timestamp.body` with the decoded
 * `whsec_` key, computed here with node:crypto so the check does not lean on the package under
 * test. The timestamp is the wall clock's: the app's replay window is measured against it.
 */
function signatureHeaders(body: string, secret: string): Record<string, string> {
  const id = randomUUID();
  const timestamp = Math.floor(Date.now() / 1000);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}

/**
 * The `Validation-Token` handshake of subscription creation, as Switchboard sends it (signed over
 * the empty body); resolves with the status and whether the token came back.
 */
export async function handshake(url: string): Promise<{ status: number; echoed: boolean }> {
  const validationToken = randomUUID();
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'validation-token': validationToken,
      'verification-token': VERIFICATION_TOKEN,
      ...signatureHeaders('', SIGNING_SECRET),
    },
  });
  await response.arrayBuffer();
  const echoed = response.headers.get('validation-token');
  return { status: response.status, echoed: echoed === validationToken };
}

/**
 * A presence notification as Switchboard sends it, with `Verification-Token` and a signature by
 * `secret`; resolves with the status it was answered.
 */
export async function sendPresence(
  url: string,
  presenceStatus: string,
  secret = SIGNING_SECRET,
): Promise<number> {
  const id = randomUUID();
  const body = JSON.stringify({
    uuid: id,
    event: '/restapi/v1.0/account/1001/extension/2001/presence',
    timestamp: new Date().toISOString(),
    subscriptionId: randomUUID(),
    ownerId: '2001',
    body: { extensionId: '2001', presenceStatus, sequence: 1 },
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=UTF-8',
      'verification-token': VERIFICATION_TOKEN,
      ...signatureHeaders(body, secret),
    },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}
