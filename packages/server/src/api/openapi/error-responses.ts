import { ApiError, ERROR_CATALOG, type ErrorCode } from '../../errors.js';

const ErrorDetailSchema = {
  type: 'object' as const,
  required: ['errorCode', 'message'],
  properties: {
    errorCode: { type: 'string' as const, description: 'A code of docs/errors.md, e.g. CMN-101' },
    message: { type: 'string' as const },
    parameterName: { type: 'string' as const, description: 'The parameter at fault, as the client wrote it' },
    parameterValue: { type: 'string' as const },
  },
};

/** RingCentral's error shape: the top-level fields mirror `errors[0]` (ringcentral-protocol §3.7). */
export const ERROR_SCHEMA = {
  type: 'object' as const,
  required: ['errorCode', 'message', 'errors'],
  properties: {
    ...ErrorDetailSchema.properties,
    errors: { type: 'array' as const, items: ErrorDetailSchema },
  },
};

/** Example parameters for the catalog's message templates. */
const EXAMPLE_PARAMS: Record<string, string | number> = {
  parameter: 'expiresIn',
  filters: '/restapi/v1.0/account/~/extension/~/presences',
  role: 'user',
  action: 'manage tokens',
  limit: 5242880,
  method: 'GET',
  path: '/v1/nowhere',
  account: '1002',
};

/**
 * OpenAPI responses for the error codes a route can answer, grouped by HTTP status: each status
 * names its codes and carries one example body per code, in the exact shape the server sends.
 */
export function errorResponses(codes: ErrorCode[]): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const { status } = ERROR_CATALOG[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, group] of [...byStatus].sort(([a], [b]) => a - b)) {
    const examples: Record<string, { summary: string; value: unknown }> = {};
    for (const code of group) {
      const parameterName = code === 'CMN-101' ? { parameterName: 'expiresIn' } : {};
      examples[code] = {
        summary: ERROR_CATALOG[code].message.replace(/\{(\w+)\}/g, '…'),
        value: new ApiError(code, EXAMPLE_PARAMS, parameterName).toBody(),
      };
    }
    responses[String(status)] = {
      description: `Error ${group.join(', ')} (docs/errors.md)`,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' }, examples } },
    };
  }
  return responses;
}
