import { InterruptedError, ServerError, UnreachableError } from '../cli-error.js';
import type { Connection } from './resolve-connection.js';

/** How long one API request may take; creating a subscription includes a 3 s handshake. */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** Next steps for the errors people hit first (docs/errors.md has them all). */
const HINTS: Record<string, string> = {
  'SWB-101': 'Pass a token with --token or SWITCHBOARD_TOKEN.',
  'SWB-102':
    'The token is unknown or revoked on this server. A data directory of another server? Pass --token or --data-dir.',
  'SWB-103': 'Use a token with the right role (`switchboard tokens create --role …` with an admin token).',
  'CMN-102': 'Check the id: unknown ids and ids of other extensions both answer 404.',
  'SUB-521':
    'Switchboard could not complete the handshake with that address: is the receiver running and reachable from the server?',
};

/**
 * A SUB-521 whose receiver did answer, with a status: it is running, it refused. Telling the
 * user to check that it runs would send them the wrong way (`switchboard check <url>` shows more).
 */
function hintFor(errorCode: string, message: string): string | undefined {
  const refused = /status (\d{3})/.exec(message);
  if (errorCode === 'SUB-521' && refused)
    return (
      `The receiver is running: it answered ${refused[1]} to the validation request. It must answer 200 and echo ` +
      'the Validation-Token header; run `switchboard check <url>` to see every rule it breaks.'
    );
  return HINTS[errorCode];
}

/**
 * A small JSON client for Switchboard's HTTP API. Every failure becomes a `CliError`: an error
 * answer → `ServerError` (exit 1) carrying the RingCentral `errorCode`; no answer →
 * `UnreachableError` (exit 3) saying how to start the server.
 *
 * @example
 * const client = new ApiClient(resolveConnection({}, process.env, process.cwd()), signal);
 * const list = await client.get<{ records: unknown[] }>('/v1/subscriptions');
 */
export class ApiClient {
  constructor(
    readonly connection: Connection,
    private readonly signal: AbortSignal,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path).then((r) => r.body);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body).then((r) => r.body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body).then((r) => r.body);
  }

  async delete(path: string): Promise<void> {
    await this.request('DELETE', path);
  }

  /** One request; resolves only for 2xx answers. */
  async request<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const url = `${this.connection.serverUrl}${path}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.connection.token}`,
      accept: 'application/json',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        redirect: 'manual',
        signal: AbortSignal.any([this.signal, AbortSignal.timeout(this.timeoutMs)]),
      });
      text = await response.text();
    } catch (err) {
      throw this.networkError(err);
    }
    const parsed = parseJson(text);
    if (response.ok) return { status: response.status, body: parsed as T, headers: response.headers };
    throw serverError(response.status, parsed, text, response.headers.get('retry-after'));
  }

  private networkError(err: unknown): Error {
    if (this.signal.aborted) return new InterruptedError();
    const server = this.connection.serverUrl;
    if (err instanceof DOMException && err.name === 'TimeoutError') {
      return new UnreachableError(
        `Switchboard at ${server} did not answer within ${this.timeoutMs / 1000} s`,
        'Is the server overloaded or stuck? Check its logs.',
      );
    }
    const code = causeCode(err);
    const reason =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'unknown host'
          : (code ?? (err as Error).message);
    return new UnreachableError(
      `Cannot reach Switchboard at ${server} (${reason})`,
      this.connection.serverSource === 'default'
        ? 'Is the server running? Start it with `npx switchboard serve` (or `npm start`) in another terminal, ' +
            'or point the CLI at yours with --server or SWITCHBOARD_URL.'
        : this.connection.serverSource === 'data directory'
          ? `The URL was recorded in ${this.connection.dataDir} by a \`switchboard serve\` that is no longer running there (killed?). Start it again, or use --server.`
          : `Is the server running at ${server}? (set by ${this.connection.serverSource === 'flag' ? '--server' : 'SWITCHBOARD_URL'})`,
    );
  }
}

function causeCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown; errors?: Array<{ code?: unknown }> } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  const first = cause?.errors?.[0]?.code;
  return typeof first === 'string' ? first : undefined;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function serverError(status: number, parsed: unknown, text: string, retryAfter: string | null): ServerError {
  const body = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  const errorCode = typeof body?.errorCode === 'string' ? body.errorCode : `HTTP-${status}`;
  const message =
    typeof body?.message === 'string'
      ? body.message
      : text.trim().slice(0, 200) || 'the server answered an error';
  const seconds = retryAfter !== null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return new ServerError(status, errorCode, message, body, hintFor(errorCode, message), seconds);
}
