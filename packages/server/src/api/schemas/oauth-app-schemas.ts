import { type Static, Type } from 'typebox';
import { GRANT_TYPES } from '../../oauth/oauth-model.js';
import { stringEnum } from './string-enum.js';
import { ROLES } from './token-schemas.js';

const Id = Type.String({ pattern: '^[A-Za-z0-9._-]{1,64}$' });

export const CreateAppBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    grants: Type.Optional(Type.Array(stringEnum(GRANT_TYPES), { minItems: 1, uniqueItems: true })),
    redirectUris: Type.Optional(
      Type.Array(Type.String({ format: 'uri', maxLength: 2000 }), { maxItems: 20 }),
    ),
    scope: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })),
  },
  { additionalProperties: false },
);

const appProperties = {
  clientId: Type.String(),
  name: Type.String(),
  grants: Type.Array(Type.String()),
  redirectUris: Type.Array(Type.String()),
  scope: Type.String(),
  createdAt: Type.String(),
};

export const AppView = Type.Object(appProperties);
/** The only answer that carries the client secret: only its hash is stored. */
export const CreatedApp = Type.Object({ ...appProperties, clientSecret: Type.String() });
export const AppList = Type.Object({ records: Type.Array(AppView) });

export const CreateCredentialBody = Type.Object(
  {
    extensionId: Id,
    accountId: Type.Optional(Id),
    role: Type.Optional(stringEnum(ROLES)),
    clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);

/** The only answer that carries the JWT: Switchboard keeps no copy. */
export const CreatedCredential = Type.Object({
  id: Type.String(),
  accountId: Type.String(),
  extensionId: Type.String(),
  role: Type.String(),
  clientId: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  jwt: Type.String(),
});

export type CreateAppBody = Static<typeof CreateAppBody>;
export type AppView = Static<typeof AppView>;
