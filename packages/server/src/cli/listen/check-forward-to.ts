import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UsageError } from '../cli-error.js';

/** A name that does not resolve this fast is as good as unknown for a local app. */
const LOOKUP_TIMEOUT_MS = 3000;

/**
 * `listen --forward-to`, checked before anything starts: an http(s) URL (the scheme may be left
 * out: `localhost:3000/webhook`) whose host resolves. Without this, a typo such as `notaurl`
 * starts listening and fails on the first notification with `ENOTFOUND`.
 *
 * @example
 * await checkForwardTo('localhost:3000/webhook'); // → URL http://localhost:3000/webhook
 */
export async function checkForwardTo(raw: string | undefined): Promise<URL | null> {
  if (raw === undefined) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  const example = 'Give the URL of your app, e.g. http://127.0.0.1:3000/webhook.';
  if (!URL.canParse(withScheme)) throw new UsageError(`--forward-to "${raw}" is not a URL`, example);
  const url = new URL(withScheme);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--forward-to "${raw}" must be an http:// or https:// URL`, example);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) === 0 && !(await resolves(host)))
    throw new UsageError(`--forward-to "${raw}": the host "${host}" does not resolve`, example);
  return url;
}

async function resolves(host: string): Promise<boolean> {
  const timeout = new Promise<false>((resolve) =>
    setTimeout(() => resolve(false), LOOKUP_TIMEOUT_MS).unref(),
  );
  const found = lookup(host).then(
    () => true,
    () => false,
  );
  return Promise.race([found, timeout]);
}
