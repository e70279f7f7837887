import type { FastifySchemaValidationError } from 'fastify/types/schema.js';
import { type ApiError, invalidParameter } from '../../errors.js';

/**
 * Fastify's schema errors → one CMN-101 per invalid parameter, named the way a client wrote it
 * (`deliveryMode.address`, `events[3].event`; §3.7 `parameterName`). Values are never echoed:
 * some parameters are secrets (verificationToken).
 */
export function validationErrors(
  errors: FastifySchemaValidationError[],
  part: string | undefined,
): ApiError[] {
  const seen = new Set<string>();
  const out: ApiError[] = [];
  for (const error of errors) {
    const name = parameterName(error, part);
    const detail = describe(error);
    const key = `${name}\n${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(invalidParameter(name, detail));
  }
  return out;
}

function parameterName(error: FastifySchemaValidationError, part: string | undefined): string {
  const segments = error.instancePath.split('/').slice(1).map(unescapePointer);
  const missing = error.params.missingProperty;
  if (error.keyword === 'required' && typeof missing === 'string') segments.push(missing);
  const unknown = error.params.additionalProperty;
  if (error.keyword === 'additionalProperties' && typeof unknown === 'string') segments.push(unknown);
  if (segments.length === 0) return part === 'querystring' ? 'query' : (part ?? 'body');
  return segments.reduce((name, segment) => {
    if (/^\d+$/.test(segment)) return `${name}[${segment}]`;
    return name === '' ? segment : `${name}.${segment}`;
  }, '');
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Human detail per keyword; a schema's `description` explains a pattern better than the regex. */
function describe(error: FastifySchemaValidationError): string {
  const params = error.params as Record<string, unknown>;
  const parent = (error as { parentSchema?: { description?: unknown } }).parentSchema;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a parameter of this request';
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'pattern':
      return typeof parent?.description === 'string'
        ? `must be ${parent.description}`
        : 'has an invalid format';
    default:
      return error.message ?? 'is invalid';
  }
}
