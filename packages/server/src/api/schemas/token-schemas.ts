import { type Static, Type } from 'typebox';
import { stringEnum } from './string-enum.js';

/** Ids end up in event paths and filters: keep them to path-safe characters (no `~`, no `/`). */
const Id = Type.String({
  pattern: '^[A-Za-z0-9._-]{1,64}$',
  description: '1-64 letters, digits, dots, dashes or underscores',
});

export const ROLES = ['admin', 'account-admin', 'publisher', 'user'] as const;

export const CreateTokenBody = Type.Object({
  role: stringEnum(ROLES),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  accountId: Type.Optional(Id),
  extensionId: Type.Optional(Id),
});

const tokenProperties = {
  id: Type.String(),
  role: stringEnum(ROLES),
  name: Type.String(),
  accountId: Type.String(),
  extensionId: Type.String(),
  createdAt: Type.String(),
};

/** The only response that carries the bearer string: it is never stored, so it is shown once. */
export const CreatedToken = Type.Object({ ...tokenProperties, token: Type.String() });

export const TokenView = Type.Object({
  ...tokenProperties,
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});

export const TokenList = Type.Object({ records: Type.Array(TokenView) });

export type CreateTokenBody = Static<typeof CreateTokenBody>;
export type TokenView = Static<typeof TokenView>;
