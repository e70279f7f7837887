import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import {
  ACCOUNT_STATUSES,
  type DirectoryExtension,
  defaultExtension,
  EXTENSION_STATUSES,
} from '../../directory/directory-model.js';
import { findAccount, findExtension } from '../../directory/find-directory.js';
import type { Principal } from '../../model.js';
import { notFound } from '../../not-found.js';
import type { ApiInstance } from '../api-instance.js';
import { allow } from '../auth/allow.js';
import { principalOf } from '../auth/principal-of.js';
import { ADMINS, EVERYONE } from '../auth/roles.js';
import { baseUrl } from '../base-url.js';
import { stringEnum } from '../schemas/string-enum.js';
import { accountInfo, extensionInfo } from '../views/directory-views.js';

const AccountParams = Type.Object({ accountId: Type.String() });
const ExtensionParams = Type.Object({ accountId: Type.String(), extensionId: Type.String() });
const Id = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' });
const AccountBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    mainNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    status: Type.Optional(stringEnum(ACCOUNT_STATUSES)),
  },
  { additionalProperties: false },
);
const ExtensionBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    extensionNumber: Type.Optional(Type.String({ pattern: '^[0-9*#]{1,16}$' })),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    status: Type.Optional(stringEnum(EXTENSION_STATUSES)),
  },
  { additionalProperties: false },
);

/** `~` is the caller's own id (RingCentral's "me"). */
function resolve(id: string, own: string): string {
  return id === '~' ? own : id;
}

/** Tenancy as for subscriptions: the server admin sees all; others their account (users: themselves). */
function canSee(principal: Principal, accountId: string, extensionId?: string): boolean {
  if (principal.role === 'admin') return true;
  if (accountId !== principal.accountId) return false;
  return extensionId === undefined || principal.role !== 'user' || extensionId === principal.extensionId;
}

/**
 * "Who am I" (issue 13): RingCentral's `GET /restapi/v1.0/account/{accountId}` and
 * `…/extension/{extensionId}` (`~` = mine), which apps and bot frameworks call at start-up to learn
 * their ids; and `PUT /v1/accounts/…`, where the operator sets names, numbers and status.
 */
export function directoryRoutes(app: ApiInstance, ctx: AppContext): void {
  const reader = allow(ctx, EVERYONE, 'read account information');
  const admin = allow(ctx, ADMINS, 'describe accounts and extensions');

  app.get(
    '/restapi/v1.0/account/:accountId',
    { onRequest: reader, schema: { params: AccountParams } },
    async (request) => {
      const principal = principalOf(request);
      const accountId = resolve(request.params.accountId, principal.accountId);
      if (!canSee(principal, accountId)) throw notFound('accountId');
      return accountInfo(baseUrl(ctx.config), await findAccount(ctx, accountId));
    },
  );

  app.get(
    '/restapi/v1.0/account/:accountId/extension/:extensionId',
    { onRequest: reader, schema: { params: ExtensionParams } },
    async (request) => {
      const principal = principalOf(request);
      const accountId = resolve(request.params.accountId, principal.accountId);
      const extensionId = resolve(request.params.extensionId, principal.extensionId);
      if (!canSee(principal, accountId, extensionId)) throw notFound('extensionId');
      const extension = await findExtension(ctx, accountId, extensionId);
      if (!extension) throw notFound('extensionId');
      const isAdmin = principal.role === 'admin' && extensionId === principal.extensionId;
      return extensionInfo(baseUrl(ctx.config), extension, isAdmin);
    },
  );

  app.put(
    '/v1/accounts/:accountId',
    { onRequest: admin, schema: { params: Type.Object({ accountId: Id }), body: AccountBody } },
    async (request) => {
      const current = await findAccount(ctx, request.params.accountId);
      const account = { ...current, ...request.body, updatedAt: ctx.clock.now() };
      await ctx.store.saveAccount(account);
      return accountInfo(baseUrl(ctx.config), account);
    },
  );

  app.put(
    '/v1/accounts/:accountId/extensions/:extensionId',
    {
      onRequest: admin,
      schema: { params: Type.Object({ accountId: Id, extensionId: Id }), body: ExtensionBody },
    },
    async (request) => {
      const { accountId, extensionId } = request.params;
      const current =
        (await ctx.store.getExtension(accountId, extensionId)) ??
        defaultExtension(accountId, extensionId, ctx.clock.now());
      const extension: DirectoryExtension = {
        ...current,
        ...request.body,
        updatedAt: ctx.clock.now(),
      };
      await ctx.store.saveExtension(extension);
      return { ...extension, updatedAt: new Date(extension.updatedAt).toISOString() };
    },
  );
}
