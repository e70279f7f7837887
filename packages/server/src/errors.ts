/**
 * The error catalog: every code the API can answer, its HTTP status and its message. RingCentral's
 * codes mean what they mean on RingCentral (ringcentral-protocol.md §3.1, §3.7, §4.4); `SWB-*` codes
 * are Switchboard's own, in the same shape. docs/errors.md lists exactly these (a test checks).
 *
 * **Messages never contain a secret**: pass parameter values only for parameters that are not secret.
 */
export const ERROR_CATALOG = {
  'CMN-101': { status: 400, message: 'Parameter [{parameter}] value is invalid' },
  'CMN-102': { status: 404, message: 'Resource for parameter [{parameter}] is not found' },
  'CMN-201': { status: 503, message: 'Service Temporary Unavailable' },
  'CMN-301': { status: 429, message: 'Request rate exceeded' },
  'CMN-408': {
    status: 403,
    message:
      'In order to call this API endpoint, user needs to have [{permission}] permission for requested resource',
  },
  'SUB-405': { status: 403, message: 'Not allowed subscribe for messages to other extensions' },
  'OAU-101': { status: 400, message: 'Parameter [{parameter}] is missing or invalid' },
  'OAU-123': { status: 400, message: 'Client authentication is required' },
  'OAU-140': { status: 400, message: 'Invalid resource owner credentials' },
  'OAU-153': { status: 401, message: 'Invalid client: {clientId}' },
  'OAU-211': { status: 400, message: 'Token is invalid, expired or revoked' },
  'OAU-213': { status: 401, message: 'Token not found' },
  'OAU-250': { status: 400, message: 'Unsupported grant type' },
  'OAU-251': { status: 400, message: 'Unauthorized for this grant type' },
  'SUB-406': { status: 403, message: 'Not allowed subscribe for events to extensions of other account' },
  'SUB-505': { status: 403, message: 'Subscriptions limit exceeded' },
  'SUB-508': { status: 400, message: 'Invalid event filters: [{filters}]' },
  'SUB-516': { status: 400, message: 'Invalid reminder parameters' },
  'SUB-520': { status: 400, message: 'Validation Token is not returned' },
  'SUB-521': { status: 400, message: 'WebHook is not reachable' },
  'SUB-523': { status: 400, message: 'HTTPS is required' },
  'SUB-524': { status: 400, message: 'HTTPS certificate is not valid' },
  'SUB-525': { status: 400, message: 'WebHook server response is invalid' },
  'SWB-101': { status: 401, message: 'Authorization is required: send "Authorization: Bearer <token>"' },
  'SWB-102': { status: 401, message: 'The access token is invalid or has been revoked' },
  'SWB-103': { status: 403, message: 'This token (role {role}) is not allowed to {action}' },
  'SWB-104': { status: 413, message: 'Request body is larger than the limit of {limit} bytes' },
  'SWB-105': { status: 415, message: 'Content-Type must be application/json' },
  'SWB-106': { status: 404, message: 'No such endpoint: {method} {path}' },
  'SWB-107': { status: 400, message: 'Request body is not valid JSON' },
  'SWB-108': { status: 403, message: 'Publishing for account [{account}] is not allowed with this token' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOG;

export interface ErrorDetail {
  errorCode: string;
  message: string;
  parameterName?: string;
  parameterValue?: string;
}

/** The RingCentral error body: top-level fields mirror `errors[0]` (§3.7). */
export interface ErrorBody extends ErrorDetail {
  errors: ErrorDetail[];
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? key));
}

/**
 * An error the API answers with. `detail` adds what was measured or what to do, after the
 * catalog message, so clients keying on `errorCode` keep working and people learn what failed.
 *
 * @example
 * throw new ApiError('CMN-101', { parameter: 'expiresIn' }, { parameterName: 'expiresIn', detail: 'must be an integer >= 1' });
 */
export class ApiError extends Error {
  readonly errorCode: ErrorCode;
  readonly status: number;
  readonly parameterName: string | undefined;
  readonly parameterValue: string | undefined;
  /** Extra response headers, e.g. Retry-After on CMN-301. */
  readonly headers: Record<string, string>;

  constructor(
    code: ErrorCode,
    params: Record<string, string | number> = {},
    options: {
      parameterName?: string;
      parameterValue?: string;
      detail?: string;
      headers?: Record<string, string>;
    } = {},
  ) {
    const base = fill(ERROR_CATALOG[code].message, params);
    super(options.detail ? `${base}: ${options.detail}` : base);
    this.name = 'ApiError';
    this.errorCode = code;
    this.status = ERROR_CATALOG[code].status;
    this.parameterName = options.parameterName;
    this.parameterValue = options.parameterValue;
    this.headers = options.headers ?? {};
  }

  toBody(): ErrorBody {
    return errorBody([this]);
  }
}

/** Several errors in one body (e.g. every invalid parameter at once); the first one leads. */
export function errorBody(errors: ApiError[]): ErrorBody {
  const details = errors.map((e): ErrorDetail => {
    const d: ErrorDetail = { errorCode: e.errorCode, message: e.message };
    if (e.parameterName !== undefined) d.parameterName = e.parameterName;
    if (e.parameterValue !== undefined) d.parameterValue = e.parameterValue;
    return d;
  });
  const [first] = details;
  if (!first) throw new TypeError('errorBody needs at least one error');
  return { ...first, errors: details };
}

/** Shorthand for the commonest error: one invalid parameter. */
export function invalidParameter(name: string, detail: string, value?: string): ApiError {
  return new ApiError(
    'CMN-101',
    { parameter: name },
    { parameterName: name, detail, ...(value !== undefined ? { parameterValue: value } : {}) },
  );
}
