import { join } from 'node:path';
import { generateSecret } from '@switchboard/receiver';
import Database from 'better-sqlite3';
import { migrate } from '../../packages/server/src/store/sqlite/migrate.js';
import { subscriptionToRow } from '../../packages/server/src/store/sqlite/rows.js';
import { newSubscription } from '../../packages/server/src/subscriptions/new-subscription.js';
import { withServer } from '../lib/context.js';
import { presenceEvent } from '../lib/events.js';
import type { ReceiverProcess } from '../lib/processes.js';

/**
 * Seeds `total` subscriptions straight into a fresh SQLite file (100,000 handshakes through the
 * API would take minutes and measure the handshake, not matching): `matching` of them on
 * extension 2001's presence, the rest on other extensions. The server loads them at start.
 */
function seed(dataDir: string, address: string, total: number, matching: number): void {
  const db = new Database(join(dataDir, 'switchboard.db'));
  migrate(db);
  const secret = generateSecret();
  const now = Date.now();
  const columns = Object.keys(subscriptionToRow({} as never));
  const insert = db.prepare(
    `INSERT INTO subscriptions (${columns.join(',')}) VALUES (${columns.map((c) => `@${c}`).join(',')})`,
  );
  db.transaction(() => {
    for (let i = 0; i < total; i++) {
      const ext = i < matching ? 2001 : 100_000 + i;
      insert.run(
        subscriptionToRow(
          newSubscription(
            {
              id: `seed-${i}`,
              accountId: '1001',
              extensionId: '2001',
              eventFilters: [`/restapi/v1.0/account/1001/extension/${ext}/presence`],
              address,
              verificationToken: 'bench-token',
              signingSecret: secret,
              expiresIn: 86_400,
              reminder: null,
            },
            now,
          ),
        ),
      );
    }
  })();
  db.close();
}

/** (5) Publish rate (events/s accepted) with `total` subscriptions of which 10 match each event. */
export async function publishRateWith(
  receiver: ReceiverProcess,
  total: number,
  events: number,
  dataDir: string,
): Promise<number> {
  seed(dataDir, receiver.url, total, 10);
  return withServer({ dataDir }, async (_server, api) => {
    await receiver.reset();
    const t0 = performance.now();
    for (let i = 0; i < events; i += 100) {
      await api.publish(
        Array.from({ length: Math.min(100, events - i) }, (_, k) => presenceEvent(2001, i + k)),
      );
    }
    const rate = events / ((performance.now() - t0) / 1000);
    await receiver.waitFor(events * 10, 300_000);
    return rate;
  });
}
