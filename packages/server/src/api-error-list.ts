import { type ApiError, type ErrorBody, errorBody } from './errors.js';

/**
 * Several errors answered at once (every invalid parameter, every bad event of a batch), so a
 * client fixes them in one round trip. The first error decides the status and leads the body
 * (ringcentral-protocol.md §3.7).
 */
export class ApiErrorList extends Error {
  readonly errors: ApiError[];
  readonly status: number;
  readonly headers: Record<string, string>;

  constructor(errors: ApiError[]) {
    const [first] = errors;
    if (!first) throw new TypeError('ApiErrorList needs at least one error');
    super(first.message);
    this.name = 'ApiErrorList';
    this.errors = errors;
    this.status = first.status;
    this.headers = Object.assign({}, ...errors.map((e) => e.headers));
  }

  toBody(): ErrorBody {
    return errorBody(this.errors);
  }
}

/** Throws the errors as one answer when there are any. */
export function throwIfAny(errors: ApiError[]): void {
  if (errors.length === 1 && errors[0]) throw errors[0];
  if (errors.length > 1) throw new ApiErrorList(errors);
}
