/**
 * The raw body a framework or middleware kept, if `value` is one: bytes (a Buffer is a
 * Uint8Array) or text. Anything else is a parsed body, or nothing.
 */
export function keptRawBody(value: unknown): Uint8Array | string | undefined {
  return value instanceof Uint8Array || typeof value === 'string' ? value : undefined;
}
