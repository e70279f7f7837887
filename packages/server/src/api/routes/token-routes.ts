import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { invalidParameter } from '../../errors.js';
import type { Principal, Token } from '../../model.js';
import { notFound } from '../../not-found.js';
import { hashToken } from '../../tokens/hash-token.js';
import { TOKEN_PREFIX } from '../../tokens/token-prefix.js';
import type { ApiInstance } from '../api-instance.js';
import { allow } from '../auth/allow.js';
import { principalOf } from '../auth/principal-of.js';
import { ADMINS } from '../auth/roles.js';
import { CreatedToken, CreateTokenBody, TokenList } from '../schemas/token-schemas.js';
import { tokenView } from '../views/token-view.js';

const Id = Type.Object({ id: Type.String() });
/** 256 bits, as the store keeps only a fast hash (tokens/hash-token.ts). */
const TOKEN_BYTES = 32;

/**
 * Token management, admin only (docs/decisions.md "Identity and tokens"). The bearer string is
 * answered once at creation; the store keeps only its SHA-256.
 */
export function tokenRoutes(app: ApiInstance, ctx: AppContext): void {
  const onRequest = allow(ctx, ADMINS, 'manage tokens');

  app.post(
    '/v1/tokens',
    { onRequest, schema: { body: CreateTokenBody, response: { 201: CreatedToken } } },
    async (request, reply) => {
      const bearer = TOKEN_PREFIX + ctx.random.token(TOKEN_BYTES);
      const token: Token = {
        id: ctx.random.uuid(),
        name: request.body.name,
        role: request.body.role,
        ...owner(principalOf(request), request.body),
        hash: hashToken(bearer),
        createdAt: ctx.clock.now(),
        revokedAt: null,
      };
      await ctx.store.createToken(token);
      const { revokedAt: _, ...view } = tokenView(token);
      return reply.status(201).send({ ...view, token: bearer });
    },
  );

  app.get('/v1/tokens', { onRequest, schema: { response: { 200: TokenList } } }, async () => ({
    records: (await ctx.store.listTokens({})).map(tokenView),
  }));

  app.delete('/v1/tokens/:id', { onRequest, schema: { params: Id } }, async (request, reply) => {
    if (!(await ctx.store.revokeToken(request.params.id, ctx.clock.now()))) throw notFound('tokenId');
    return reply.status(204).send();
  });
}

/**
 * Whose token it is. Ids default to the admin's own; an extension id is only implied within the
 * admin's account, so a user (or admin) token for another account must name its extension. A
 * publisher acts for an account, so its extension may stay empty there.
 */
function owner(admin: Principal, body: CreateTokenBody): { accountId: string; extensionId: string } {
  const accountId = body.accountId ?? admin.accountId;
  if (body.extensionId !== undefined) return { accountId, extensionId: body.extensionId };
  if (accountId === admin.accountId) return { accountId, extensionId: admin.extensionId };
  if (body.role === 'publisher') return { accountId, extensionId: '' };
  throw invalidParameter('extensionId', `is required for a ${body.role} token of another account`);
}
