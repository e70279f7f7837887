import type { ClientBase } from 'pg';
import { prepared } from './prepared.js';

/**
 * The LISTEN/NOTIFY channels nodes tell each other about changes on. Channels are database-wide,
 * so every payload names the schema it comes from: deployments (or test runs) in different schemas
 * of one database ignore each other.
 */
export const DELIVERIES_CHANNEL = 'switchboard_deliveries';
export const SUBSCRIPTION_CHANNEL = 'switchboard_subscription_changed';

/**
 * Deliveries became due: wakes the idle dispatchers of every node. Call it inside the writing
 * transaction: PostgreSQL sends the notification at COMMIT, and never for a rolled-back one, and
 * folds repeats within one transaction into one.
 */
export async function notifyDeliveries(client: ClientBase): Promise<void> {
  await client.query(prepared(`SELECT pg_notify('${DELIVERIES_CHANNEL}', current_schema())`));
}

/** These subscriptions were created, changed, expired or deleted: every node reloads them into its index. */
export async function notifySubscriptionsChanged(client: ClientBase, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await client.query(
    prepared(
      `SELECT pg_notify('${SUBSCRIPTION_CHANNEL}', json_build_object('schema', current_schema(), 'id', id)::text)
       FROM unnest($1::text[]) AS id`,
      [ids],
    ),
  );
}
