import type { AddressInfo } from 'node:net';
import express from 'express';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/** A notification as the sample receiver logged it. */
export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: { uuid: string; event: string; subscriptionId: string; ownerId: string; body: unknown };
}

/**
 * The receiver of RingCentral's Node webhook samples: express, a JSON body parser, one POST
 * route that echoes `Validation-Token` when present and otherwise reads the notification.
 */
export async function startSampleReceiver(): Promise<{
  url: string;
  received: Received[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  const app = express();
  app.use(express.json());
  app.post('/webhook', (req, res) => {
    const validationToken = req.get('Validation-Token');
    if (validationToken) {
      res.setHeader('Validation-Token', validationToken);
    } else {
      received.push({ headers: req.headers, body: req.body });
    }
    res.statusCode = 200;
    res.end();
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The server listening on a real port, on a ManualClock, with an app and a JWT credential. */
export interface SdkWorld {
  app: TestApp;
  server: string;
  clientId: string;
  clientSecret: string;
  jwt: string;
  close(): Promise<void>;
}

export async function startSdkWorld(): Promise<SdkWorld> {
  const app = await startTestApp();
  const server = (await app.api.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
  const created = await app.call('POST', '/v1/apps', { name: 'SDK sample' });
  if (created.status !== 201) throw new Error(`app: ${JSON.stringify(created.body)}`);
  const credential = await app.call('POST', '/v1/credentials', { extensionId: '2001' });
  if (credential.status !== 201) throw new Error(`credential: ${JSON.stringify(credential.body)}`);
  return {
    app,
    server,
    clientId: created.body.clientId,
    clientSecret: created.body.clientSecret,
    jwt: credential.body.jwt,
    close: () => app.stop(),
  };
}

/** Publishes a presence event for extension 2001 (as `switchboard trigger` would) and delivers it. */
export async function publishPresence(world: SdkWorld, body: Record<string, unknown>): Promise<number> {
  const res = await world.app.call('POST', '/v1/events', {
    event: '/restapi/v1.0/account/1001/extension/2001/presence',
    body,
  });
  if (res.status !== 202) throw new Error(`publish: ${JSON.stringify(res.body)}`);
  await world.app.dispatcher.runOnce();
  return res.body.events[0].matched;
}
