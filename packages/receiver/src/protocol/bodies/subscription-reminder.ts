/**
 * The renewal reminder body (ringcentral-protocol.md §5.4 f), filter
 * `/restapi/v1.0/subscription/~?threshold=T&interval=I`: sent when at most `T` seconds remain,
 * then every `I` seconds until the subscription is renewed or expires. Renew it with
 * `POST /restapi/v1.0/subscription/{subscriptionId}/renew`.
 */
export interface SubscriptionReminderEventBody {
  /** Seconds until the subscription expires. */
  expiresIn: number;
}
