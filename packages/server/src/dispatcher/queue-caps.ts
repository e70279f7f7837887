/** The caps the queue starts attempts under (docs/architecture.md "Guarantees"). */
export interface QueueCaps {
  perSubscriptionConcurrency: number;
  maxInFlight: number;
  connectionsPerOrigin: number;
  claimBatchSize: number;
  /** Bytes of event bodies the node may hold, each body counted once (docs/configuration.md). */
  maxHeldBytes: number;
}
