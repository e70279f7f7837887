/**
 * The API's answers as the CLI reads them: the server's own response types (api/schemas/), so a
 * change there shows up here at compile time.
 */
export type { DeliveryView } from '../../api/schemas/delivery-view.js';
export type { EventView } from '../../api/schemas/event-view.js';
export type { SubscriptionHealth, SubscriptionInfo } from '../../api/schemas/subscription-info.js';
export type { TokenView } from '../../api/schemas/token-schemas.js';

import type { AttemptView, DeliveryView } from '../../api/schemas/delivery-view.js';
import type { TokenView } from '../../api/schemas/token-schemas.js';

export interface DeliveryDetail {
  delivery: DeliveryView;
  attempts: AttemptView[];
}

export interface PublishAnswer {
  events: Array<{ id: string; matched: number }>;
}

export type CreatedToken = Omit<TokenView, 'revokedAt'> & { token: string };

export type { AppView } from '../../api/schemas/oauth-app-schemas.js';

/** `POST /v1/apps`: the app with its client secret, shown once. */
export interface CreatedApp {
  clientId: string;
  name: string;
  grants: string[];
  redirectUris: string[];
  scope: string;
  createdAt: string;
  clientSecret: string;
}

/** `POST /v1/credentials`: the JWT credential, shown once. */
export interface CreatedCredential {
  id: string;
  accountId: string;
  extensionId: string;
  role: string;
  clientId: string | null;
  createdAt: string;
  jwt: string;
}
