import { DOCUMENTED_EVENT_FILTERS } from './documented-event-filters.js';
import { RINGCENTRAL_EVENT_FILTERS } from './ringcentral-event-filters.js';

/** Paths RingCentral owns: a filter below one must be in the catalogue (PRODUCT-DECISIONS "Event filter catalogue"). */
export const RINGCENTRAL_NAMESPACES: readonly string[] = ['/restapi/', '/team-messaging/', '/webinar/'];

const patterns = [...RINGCENTRAL_EVENT_FILTERS.map((entry) => entry.path), ...DOCUMENTED_EVENT_FILTERS].map(
  (path) => path.split('/').slice(1),
);

function segmentsMatch(pattern: string[], segments: readonly string[]): boolean {
  return (
    pattern.length === segments.length &&
    pattern.every((part, i) => (part.startsWith('{') && part.endsWith('}')) || part === segments[i])
  );
}

/**
 * Whether a filter path (ids expanded or `~`, no query string) may be subscribed to: under one of
 * RingCentral's namespaces only the catalogued filters; under one of the operator's own namespaces
 * (`eventNamespaces`, for Switchboard's own publishers) anything; anywhere else nothing.
 *
 * @example
 * isKnownFilterPath('/restapi/v1.0/account/1/extension/2/presence', []); // true
 * isKnownFilterPath('/restapi/v1.0/account/1/extension/2/presense', []); // false
 * isKnownFilterPath('/acme/orders/created', ['/acme/']); // true
 */
export function isKnownFilterPath(path: string, ownNamespaces: readonly string[]): boolean {
  if (ownNamespaces.some((namespace) => path.startsWith(namespace))) return true;
  if (!RINGCENTRAL_NAMESPACES.some((namespace) => path.startsWith(namespace))) return false;
  const segments = path.split('/').slice(1);
  return patterns.some((pattern) => segmentsMatch(pattern, segments));
}
