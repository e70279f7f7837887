import type { WebhookErrorContext } from '../../src/create-webhook-handler.js';
import type { Notification } from '../../src/protocol/envelope.js';

/** Records what a handler was given; fails the first `failures` notifications on purpose. */
export class Recorder {
  readonly processed: Notification[] = [];
  readonly errors: WebhookErrorContext[] = [];
  #failuresLeft: number;
  #waiters: Array<{ count: number; resolve: () => void }> = [];

  constructor(failures = 0) {
    this.#failuresLeft = failures;
  }

  readonly onNotification = (notification: Notification): void => {
    if (this.#failuresLeft > 0) {
      this.#failuresLeft--;
      throw new Error('simulated processing failure');
    }
    this.processed.push(notification);
    this.#wake();
  };

  readonly onError = (context: WebhookErrorContext): void => {
    this.errors.push(context);
  };

  /** Resolves once `count` notifications were processed: ack-first tests wait on this, not on time. */
  processedCount(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.#waiters.push({ count, resolve });
      this.#wake();
    });
  }

  #wake(): void {
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.processed.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}
