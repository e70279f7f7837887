import { ApiErrorList } from '../../api-error-list.js';
import { ApiError, type ErrorBody } from '../../errors.js';
import { isStoreUnavailable } from '../store-unavailable.js';
import { validationErrors } from './validation-errors.js';

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  headers: Record<string, string>;
  /** How loudly to log: bad input is the client's business, the rest is ours. */
  log: 'none' | 'warn' | 'error';
}

/** Seconds a client should wait before retrying when the store cannot write (503 CMN-201). */
const STORE_RETRY_AFTER_SECONDS = '5';

interface FastifyLikeError {
  code?: unknown;
  statusCode?: unknown;
  validation?: unknown;
  validationContext?: string;
}

/**
 * Any thrown value → the RingCentral error shape (§3.7). Bad input is always a 4xx with a code,
 * never a 5xx (docs/decisions.md "Wire compatibility"); a store that cannot write is 503 so
 * clients retry; anything else is a 500 whose body says only that it was logged.
 */
export function errorResponse(
  error: unknown,
  limits: { bodyLimitBytes: number },
  requestId: string,
): ErrorResponse {
  if (error instanceof ApiErrorList) return client(error.status, error.toBody(), error.headers);
  if (error instanceof ApiError) return client(error.status, error.toBody(), error.headers);
  const known = error as FastifyLikeError;
  if (Array.isArray(known?.validation)) {
    return fromList(validationErrors(known.validation, known.validationContext));
  }
  const mapped = fastifyError(known?.code, limits);
  if (mapped) return client(mapped.status, mapped.toBody(), mapped.headers);
  if (isStoreUnavailable(error)) {
    const unavailable = new ApiError(
      'CMN-201',
      {},
      { detail: 'the store cannot write right now; retry later' },
    );
    return {
      status: 503,
      body: unavailable.toBody(),
      headers: { 'Retry-After': STORE_RETRY_AFTER_SECONDS },
      log: 'warn',
    };
  }
  if (typeof known?.statusCode === 'number' && known.statusCode >= 400 && known.statusCode < 500) {
    const invalid = new ApiError('CMN-101', { parameter: 'request' }, { parameterName: 'request' });
    return client(400, invalid.toBody(), {});
  }
  const internal = new ApiError(
    'CMN-201',
    {},
    { detail: `unexpected error, logged with request id ${requestId}` },
  );
  return { status: 500, body: internal.toBody(), headers: {}, log: 'error' };
}

function fastifyError(code: unknown, limits: { bodyLimitBytes: number }): ApiError | null {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError('SWB-104', { limit: limits.bodyLimitBytes });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError('SWB-105');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError('SWB-107');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(
        'CMN-101',
        { parameter: 'Content-Length' },
        { parameterName: 'Content-Length', detail: 'does not match the size of the body' },
      );
    default:
      return null;
  }
}

function fromList(errors: ApiError[]): ErrorResponse {
  const list = new ApiErrorList(errors);
  return client(list.status, list.toBody(), list.headers);
}

function client(status: number, body: ErrorBody, headers: Record<string, string>): ErrorResponse {
  return { status, body, headers, log: 'none' };
}
