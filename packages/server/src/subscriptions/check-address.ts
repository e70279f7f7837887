import type { Config } from '../config.js';
import { ApiError, invalidParameter } from '../errors.js';
import { checkAddressSyntax } from '../outbound/url-guard.js';

/**
 * The address's form, before any handshake is tried: http only in development mode (SUB-523,
 * §4.4). Where it resolves is checked at connect time by the handshake and the dispatcher.
 */
export function checkAddress(address: string, config: Readonly<Config>): void {
  const result = checkAddressSyntax(address, { allowHttp: config.mode === 'development' });
  if (result.ok) return;
  if (result.code === 'SUB-523') {
    throw new ApiError('SUB-523', {}, { parameterName: 'deliveryMode.address', detail: result.detail });
  }
  throw invalidParameter('deliveryMode.address', result.detail);
}
