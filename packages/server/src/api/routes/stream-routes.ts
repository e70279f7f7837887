import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { StreamHub } from '../../observability/stream-hub.js';
import type { ApiInstance } from '../api-instance.js';
import { allow } from '../auth/allow.js';
import { principalOf } from '../auth/principal-of.js';
import { EVERYONE } from '../auth/roles.js';
import { requestIdHeaders } from '../http/request-id.js';
import { scopeOf } from '../search/search-of-request.js';

/** A comment line now and then keeps proxies and load balancers from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

const StreamQuery = Type.Object(
  { subscriptionId: Type.Optional(Type.String({ minLength: 1, description: 'only this subscription' })) },
  { additionalProperties: false },
);

/**
 * `GET /v1/stream`: Server-Sent Events of delivery attempts, dead deliveries and subscription
 * state changes that the caller may see (StreamHub). The reply is taken over from Fastify
 * (hijacked) because it never ends; headers are written by hand, request ids included.
 */
export function streamRoutes(app: ApiInstance, ctx: AppContext): void {
  const hub = new StreamHub({
    events: ctx.events,
    store: ctx.store,
    clock: ctx.clock,
    replayEvents: ctx.config.streamReplayEvents,
    clientBufferBytes: ctx.config.streamClientBufferBytes,
  });
  app.decorate('streamHub', hub);
  // Before the server closes: open streams would otherwise hold it open forever.
  app.addHook('preClose', async () => hub.close());

  app.get(
    '/v1/stream',
    { onRequest: allow(ctx, EVERYONE, 'read the live stream'), schema: { querystring: StreamQuery } },
    async (request, reply) => {
      const filter = {
        ...scopeOf(principalOf(request)),
        ...(request.query.subscriptionId !== undefined
          ? { subscriptionId: request.query.subscriptionId }
          : {}),
      };
      const lastEventId = request.headers['last-event-id'];
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...requestIdHeaders(request.id),
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.write(': switchboard live stream\n\n');
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const disconnect = hub.connect(
        {
          filter,
          bufferedBytes: () => res.writableLength,
          write: (frame) => void res.write(frame),
          drop: () => res.destroy(),
        },
        typeof lastEventId === 'string' ? lastEventId : undefined,
      );
      res.on('close', () => {
        clearInterval(heartbeat);
        disconnect();
      });
    },
  );
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The live stream's hub (tests read its counters). */
    streamHub: StreamHub;
  }
}
