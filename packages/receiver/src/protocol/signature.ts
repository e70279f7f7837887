/**
 * Standard Webhooks signatures (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md):
 * `webhook-signature: v1,<base64(HMAC-SHA256(secret, "<id>.<timestamp>.<body>"))>`, several
 * space-separated signatures allowed (secret rotation). WebCrypto only, so it runs on every runtime.
 */

const SECRET_PREFIX = 'whsec_';
const encoder = new TextEncoder();
/** WebCrypto's key type, named without DOM or Node typings so the file stays runtime-neutral. */
type HmacKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const keyCache = new Map<string, Promise<HmacKey>>();

/** Decodes a `whsec_…` secret (or a bare base64 secret) to its key bytes. */
export function decodeSecret(secret: string): Uint8Array {
  const base64 = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  const bytes = base64ToBytes(base64);
  if (bytes.length === 0) throw new TypeError('signing secret is empty or not base64');
  return bytes;
}

/** A new random `whsec_` secret with 24 bytes of entropy, the size Svix and the spec's examples use. */
export function generateSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return SECRET_PREFIX + bytesToBase64(bytes);
}

function importKey(secret: string): Promise<HmacKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', decodeSecret(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    // Bounded: a server signs for many subscriptions, a receiver verifies with a handful.
    if (keyCache.size >= 10_000) keyCache.clear();
    keyCache.set(secret, key);
  }
  return key;
}

/**
 * Signs one message; returns the `webhook-signature` value (`v1,<base64>`).
 *
 * @example
 * const signature = await sign('whsec_…', 'msg_1', 1767268800, '{"a":1}');
 */
export async function sign(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string | Uint8Array,
): Promise<string> {
  const key = await importKey(secret);
  const mac = await crypto.subtle.sign('HMAC', key, signedContent(id, timestampSeconds, body));
  return `v1,${bytesToBase64(new Uint8Array(mac))}`;
}

/**
 * The bytes a Standard Webhooks signature covers: `<id>.<timestamp>.<body>`. Exported so a
 * server on Node can HMAC them with node:crypto (faster than WebCrypto's async jobs) while the
 * format stays defined here, once.
 *
 * @example
 * createHmac('sha256', decodeSecret(secret)).update(signedContent(id, ts, body)).digest('base64');
 */
export function signedContent(id: string, timestampSeconds: number, body: string | Uint8Array): Uint8Array {
  const prefix = encoder.encode(`${id}.${timestampSeconds}.`);
  const payload = typeof body === 'string' ? encoder.encode(body) : body;
  const data = new Uint8Array(prefix.length + payload.length);
  data.set(prefix, 0);
  data.set(payload, prefix.length);
  return data;
}

/** Constant-time comparison of two strings (length is not secret). */
export function timingSafeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  const n = Math.max(x.length, y.length);
  for (let i = 0; i < n; i++) diff |= (x[i % (x.length || 1)] ?? 0) ^ (y[i % (y.length || 1)] ?? 0);
  return diff === 0;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array {
  try {
    const binary = atob(base64);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return new Uint8Array(0);
  }
}
