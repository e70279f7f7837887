import type { Database } from 'better-sqlite3';
import { type SendTargetRow, sendTargetFromRow } from '../record-rows.js';
import type { ClaimedDelivery } from '../store.js';
import { prepared } from './prepared.js';

/**
 * What a sender needs of each Active subscription, read once however many deliveries of it a
 * publish or a claim hands over; null when it is not Active (or gone).
 *
 * @example
 * const targets = sendTargets(db);
 * const target = targets(delivery.subscriptionId); // null: not Active, nothing to send to
 */
export function sendTargets(db: Database): (id: string) => ClaimedDelivery['subscription'] | null {
  const select = prepared(
    db,
    `SELECT id AS subscription_id, account_id, extension_id, address, verification_token, signing_secrets
     FROM subscriptions WHERE id = ? AND status = 'Active'`,
  );
  const seen = new Map<string, ClaimedDelivery['subscription'] | null>();
  return (id) => {
    let target = seen.get(id);
    if (target === undefined) {
      const row = select.get(id) as SendTargetRow | undefined;
      target = row ? sendTargetFromRow(row) : null;
      seen.set(id, target);
    }
    return target;
  };
}
