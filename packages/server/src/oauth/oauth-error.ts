import { ApiError, type ErrorCode } from '../errors.js';

/** The `error` word of RFC 6749 §5.2 that RingCentral's OAuth endpoints answer beside its code. */
export type OAuthErrorWord =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'access_denied';

/** The body RingCentral's OAuth endpoints answer errors with (OpenAPI `OauthInvalidRequest`). */
export interface OAuthErrorBody {
  error: OAuthErrorWord;
  error_description: string;
  errors: Array<{ errorCode: string; message: string; parameterName?: string }>;
}

/**
 * An error of `/restapi/oauth/*`: RingCentral answers these as
 * `{error, error_description, errors:[{errorCode, message}]}`, which the SDKs read
 * (`error_description` becomes the thrown message), not in the resource API's shape.
 *
 * @example
 * throw new OAuthError('invalid_grant', 'OAU-211', {}, 'the refresh token has expired');
 */
export class OAuthError extends ApiError {
  readonly error: OAuthErrorWord;
  /** The HTTP status to answer: the code's, unless the endpoint documents another (415). */
  readonly httpStatus: number;

  constructor(
    error: OAuthErrorWord,
    code: ErrorCode,
    params: Record<string, string> = {},
    detail?: string,
    options: { parameterName?: string; headers?: Record<string, string>; status?: number } = {},
  ) {
    const { status, ...rest } = options;
    super(code, params, { ...rest, ...(detail !== undefined ? { detail } : {}) });
    this.error = error;
    this.httpStatus = status ?? this.status;
  }

  toOAuthBody(): OAuthErrorBody {
    const item: OAuthErrorBody['errors'][number] = { errorCode: this.errorCode, message: this.message };
    if (this.parameterName !== undefined) item.parameterName = this.parameterName;
    return { error: this.error, error_description: this.message, errors: [item] };
  }
}
