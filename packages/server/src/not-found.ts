import { ApiError } from './errors.js';

/**
 * 404 CMN-102 (§3.3), for unknown ids and other tenants' ids alike, so an id's existence never
 * leaks across tenants (docs/decisions.md "Identity and tokens").
 *
 * @example
 * throw notFound('subscriptionId'); // "Resource for parameter [subscriptionId] is not found"
 */
export function notFound(
  parameterName:
    | 'subscriptionId'
    | 'eventId'
    | 'deliveryId'
    | 'tokenId'
    | 'clientId'
    | 'accountId'
    | 'extensionId',
): ApiError {
  return new ApiError('CMN-102', { parameter: parameterName }, { parameterName });
}
