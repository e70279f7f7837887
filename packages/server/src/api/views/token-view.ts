import type { Token } from '../../model.js';
import { isoTime, isoTimeOrNull } from '../iso-time.js';
import type { TokenView } from '../schemas/token-schemas.js';

/** A token without its secret or hash: neither ever leaves the server. */
export function tokenView(token: Token): TokenView {
  return {
    id: token.id,
    role: token.role,
    name: token.name,
    accountId: token.accountId,
    extensionId: token.extensionId,
    createdAt: isoTime(token.createdAt),
    revokedAt: isoTimeOrNull(token.revokedAt),
  };
}
