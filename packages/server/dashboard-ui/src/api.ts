/** The page's calls to the server: same origin, the session cookie, the CSRF header on changes. */

export interface Session {
  role: 'admin' | 'publisher' | 'user';
  accountId: string;
  extensionId: string;
  csrfToken: string;
}

/** An API error in the RingCentral shape, as the server answers it. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field by the pages
export async function api(method: string, path: string, body?: unknown): Promise<any> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (response.status === 204) return null;
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiFailure(
      response.status,
      parsed?.errorCode ?? 'HTTP',
      parsed?.message ?? `HTTP ${response.status}`,
    );
  }
  return parsed;
}

/** The current session, or null when signed out. */
export async function currentSession(): Promise<Session | null> {
  const { session } = (await api('GET', '/dashboard/session')) as { session: Session | null };
  if (session) setCsrfToken(session.csrfToken);
  return session;
}
