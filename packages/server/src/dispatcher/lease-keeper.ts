import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';

export interface LeaseKeeperDeps {
  store: Store;
  clock: Clock;
  config: Pick<Readonly<Config>, 'leaseMs'>;
  logger: Logger;
}

/**
 * Extends the leases of everything this node holds every third of a lease, so none runs out
 * while it waits its turn and no other claim sends it again.
 *
 * @example
 * const keeper = new LeaseKeeper(deps, () => queue.heldIds());
 * keeper.start(); // … keeper.stop();
 */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: LeaseKeeperDeps,
    private readonly heldIds: () => string[],
  ) {}

  /** Starts extending on a real timer that does not keep the process alive. */
  start(): void {
    const every = Math.max(Math.floor(this.deps.config.leaseMs / 3), 50);
    this.timer = setInterval(() => void this.extend(), every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async extend(): Promise<void> {
    const ids = this.heldIds();
    if (ids.length === 0) return;
    const { store, clock, config, logger } = this.deps;
    try {
      await store.extendLeases(ids, clock.now() + config.leaseMs);
    } catch (err) {
      logger.warn({ err }, 'extending leases failed; a delivery whose lease runs out may be sent twice');
    }
  }
}
