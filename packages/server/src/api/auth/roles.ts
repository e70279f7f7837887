import type { Role } from '../../model.js';

/** Roles that own subscriptions: the RingCentral API and /v1/subscriptions. */
export const SUBSCRIBERS: readonly Role[] = ['admin', 'account-admin', 'user'];
/** Roles that may publish events. */
export const PUBLISHERS: readonly Role[] = ['admin', 'publisher'];
export const ADMINS: readonly Role[] = ['admin'];
export const EVERYONE: readonly Role[] = ['admin', 'account-admin', 'publisher', 'user'];
