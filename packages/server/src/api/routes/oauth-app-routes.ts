import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { invalidParameter } from '../../errors.js';
import { notFound } from '../../not-found.js';
import { issueCredential } from '../../oauth/issue-credential.js';
import type { OAuthApp } from '../../oauth/oauth-model.js';
import { registerApp } from '../../oauth/register-app.js';
import type { ApiInstance } from '../api-instance.js';
import { allow } from '../auth/allow.js';
import { principalOf } from '../auth/principal-of.js';
import { ADMINS } from '../auth/roles.js';
import { isoTime } from '../iso-time.js';
import {
  AppList,
  type AppView,
  CreateAppBody,
  CreateCredentialBody,
  CreatedApp,
  CreatedCredential,
} from '../schemas/oauth-app-schemas.js';

const ClientId = Type.Object({ clientId: Type.String() });

function appView(app: OAuthApp): AppView {
  return {
    clientId: app.clientId,
    name: app.name,
    grants: app.grants,
    redirectUris: app.redirectUris,
    scope: app.scope,
    createdAt: isoTime(app.createdAt),
  };
}

/**
 * Apps and JWT credentials for RingCentral apps, admin only (issue 13): what `switchboard apps`
 * and `switchboard credentials` call. Client secrets and JWTs are answered once, at creation.
 */
export function oauthAppRoutes(app: ApiInstance, ctx: AppContext): void {
  const onRequest = allow(ctx, ADMINS, 'manage apps and credentials');

  app.post(
    '/v1/apps',
    { onRequest, schema: { body: CreateAppBody, response: { 201: CreatedApp } } },
    async (request, reply) => {
      const { app: created, clientSecret } = await registerApp(ctx, request.body);
      return reply.status(201).send({ ...appView(created), clientSecret });
    },
  );

  app.get('/v1/apps', { onRequest, schema: { response: { 200: AppList } } }, async () => ({
    records: (await ctx.store.listOAuthApps()).map(appView),
  }));

  app.delete('/v1/apps/:clientId', { onRequest, schema: { params: ClientId } }, async (request, reply) => {
    if (!(await ctx.store.deleteOAuthApp(request.params.clientId))) throw notFound('clientId');
    return reply.status(204).send();
  });

  app.post(
    '/v1/credentials',
    { onRequest, schema: { body: CreateCredentialBody, response: { 201: CreatedCredential } } },
    async (request, reply) => {
      const body = request.body;
      if (body.clientId !== undefined && !(await ctx.store.findOAuthApp(body.clientId))) {
        throw invalidParameter('clientId', 'no app has this client id');
      }
      const { credential, jwt } = await issueCredential(ctx, {
        accountId: body.accountId ?? principalOf(request).accountId,
        extensionId: body.extensionId,
        ...(body.role !== undefined ? { role: body.role } : {}),
        clientId: body.clientId ?? null,
      });
      const { revokedAt: _, ...view } = credential;
      return reply.status(201).send({ ...view, createdAt: isoTime(credential.createdAt), jwt });
    },
  );
}
