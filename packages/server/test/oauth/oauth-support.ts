import { after, before } from 'node:test';
import { TOKENS } from '../api/api-fixtures.js';
import { call, type Harness } from '../api/harness.js';
import { type SdkWorld, startSampleReceiver, startSdkWorld } from './sdk-world.js';

/** An app and a JWT credential for extension 2001 of account 1001, made through the admin API. */
export async function appWithCredential(
  h: Harness,
  app: Record<string, unknown> = {},
): Promise<{ clientId: string; clientSecret: string; jwt: string }> {
  const created = await call(h, 'POST', '/v1/apps', {
    token: TOKENS.admin,
    body: { name: 'Test app', ...app },
  });
  if (created.status !== 201) throw new Error(`app: ${created.status} ${created.text}`);
  const credential = await call(h, 'POST', '/v1/credentials', {
    token: TOKENS.admin,
    body: { extensionId: '2001' },
  });
  if (credential.status !== 201) throw new Error(`credential: ${credential.status} ${credential.text}`);
  return {
    clientId: created.json.clientId,
    clientSecret: created.json.clientSecret,
    jwt: credential.json.jwt,
  };
}

export function basic(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
}

/** A form POST as the SDKs send it. */
export async function postForm(
  h: Harness,
  url: string,
  form: Record<string, string>,
  authorization?: string,
) {
  return call(h, 'POST', url, {
    body: new URLSearchParams(form).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(authorization ? { authorization } : {}),
    },
  });
}

export const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** What an SDK test runs against: a Switchboard with an app and a JWT, and a webhook receiver. */
export interface SdkSuite {
  world: SdkWorld;
  receiver: Awaited<ReturnType<typeof startSampleReceiver>>;
}

/**
 * Starts the SDK world and a sample receiver before the suite's tests and closes both after; the
 * fields are set once `before` has run, so read them inside the tests.
 */
export function sdkSuite(): SdkSuite {
  const suite = {} as SdkSuite;
  before(async () => {
    suite.world = await startSdkWorld();
    suite.receiver = await startSampleReceiver();
  });
  after(async () => {
    await suite.world.close();
    await suite.receiver.close();
  });
  return suite;
}
