/**
 * Why `body` is not a RingCentral error (§3.7: `{errorCode, message, errors: [...]}` with the top
 * level mirroring `errors[0]`), or null when it is one.
 */
export function errorShapeProblem(body: string): string | null {
  const problem = apiErrorProblem(body);
  return problem === null ? null : oauthErrorProblem(body) === null ? null : problem;
}

/**
 * RingCentral's OAuth endpoints (`/restapi/oauth/*`) answer their own shape:
 * `{error, error_description, errors: [{errorCode, message}]}` (docs/ringcentral-compatibility.md).
 */
function oauthErrorProblem(body: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return 'not JSON';
  }
  const { error, error_description: description, errors } = (json ?? {}) as Record<string, unknown>;
  if (typeof error !== 'string' || typeof description !== 'string') return 'no OAuth error';
  const first = Array.isArray(errors) ? (errors[0] as Record<string, unknown> | undefined) : undefined;
  if (typeof first?.errorCode !== 'string' || !/^[A-Z]{3}-\d{3}$/.test(first.errorCode))
    return 'no errorCode';
  return null;
}

function apiErrorProblem(body: string): string | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return `not JSON: ${body.slice(0, 120)}`;
  }
  if (typeof json !== 'object' || json === null) return 'not an object';
  const { errorCode, message, errors } = json as Record<string, unknown>;
  if (typeof errorCode !== 'string' || !/^[A-Z]{3}-\d{3}$/.test(errorCode)) return 'no errorCode';
  if (typeof message !== 'string' || message === '') return 'no message';
  if (!Array.isArray(errors) || errors.length === 0) return 'no errors array';
  const first = errors[0] as Record<string, unknown>;
  if (first.errorCode !== errorCode || first.message !== message)
    return 'top level does not mirror errors[0]';
  return null;
}
