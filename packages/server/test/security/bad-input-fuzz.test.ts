import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { MAX_JSON_DEPTH } from '../../src/api/http/register-body-parsers.js';
import { PRESENCE_2001, PRESENCE_MINE, SUBSCRIPTION, TOKENS } from '../api/api-fixtures.js';
import { createBody, createHarness, type Harness, subscribe } from '../api/harness.js';
import { soakScale } from '../reliability/support/soak-scale.js';
import { errorShapeProblem } from './support/error-shape.js';
import { listRoutes, type RouteEntry } from './support/list-routes.js';

/** Successful answers that are not JSON: the reference page and its script, YAML, Prometheus text. */
const NOT_JSON = /^\/(docs|openapi\.yaml|metrics)(\/|\?|$)/;

/**
 * Property-based fuzzing of every API input (docs/reliability.md): bodies, headers, path parameters, query
 * strings, event filters and paths, huge and deeply nested JSON, invalid UTF-8, CR/LF in tokens.
 * The property is always the same: never a 5xx, an error is a 4xx in the RingCentral shape
 * (§3.7), a success is well-formed JSON; and the server is healthy afterwards. Runs through
 * Fastify's inject; raw-socket-input.test.ts sends what inject cannot.
 *
 * `npm run soak` multiplies every run count (SWITCHBOARD_SOAK, default 10 there).
 */

const SCALE = soakScale();
const runs = (n: number) => n * SCALE;

interface Stats {
  cases: number;
  byStatus: Map<number, number>;
}

const TOKEN_CHOICES = [
  undefined,
  TOKENS.admin,
  TOKENS.user,
  TOKENS.publisher,
  TOKENS.userOtherAccount,
  TOKENS.revoked,
  'sbt_garbage',
  '',
];

/** Strings of any code points, lone surrogates included. */
const anyString = (maxLength = 40) => fc.string({ unit: 'binary', maxLength });
const nasty = fc.constantFrom(
  '',
  ' ',
  '~',
  '..',
  '%',
  '%00',
  '%2F',
  '\u0000',
  '\r\n',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  '0',
  '-1',
  '1e309',
  '\u202e',
  '\ud800',
  'a'.repeat(5000),
);

function percentBytes(bytes: Uint8Array): string {
  return [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** A path segment or query value as a client might put it in a URL: encoded, raw, or broken. */
const urlPiece = fc.oneof(
  nasty.map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))),
  anyString().map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, 'x'))),
  fc.uint8Array({ maxLength: 12 }).map(percentBytes),
  fc.stringMatching(/^[A-Za-z0-9._~:@!$&'()*+,;=-]{0,30}$/),
);

const queryString = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.oneof(
          fc.constantFrom('status', 'accountId', 'state', 'limit', 'before', 'explain', 'subscriptionId'),
          urlPiece,
        ),
        urlPiece,
      ),
      { maxLength: 5 },
    )
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`),
  urlPiece.map((s) => `?${s}`),
);

/** Filters and event paths built from the grammar's own pieces, plus garbage. */
const pathSegment = fc.oneof(
  fc.constantFrom(
    'restapi',
    'v1.0',
    'v2',
    'account',
    'extension',
    '~',
    '1001',
    '2001',
    '1002',
    'presence',
    'message-store',
    'telephony',
    'sessions',
    'subscription',
    'glip',
    'posts',
    '',
    '..',
    '*',
    '%2F',
  ),
  fc.stringMatching(/^[0-9]{1,20}$/),
  anyString(12),
);
/** Paths of the right shape with pieces swapped: most pass the grammar and reach matching. */
const nearValidPath = fc
  .tuple(
    fc.constantFrom('1001', '1001', '1001', '~', '1002', '0', ''),
    fc.constantFrom('2001', '2001', '~', '2002', '99999999999999999999', ''),
    fc.constantFrom('presence', 'message-store', 'telephony/sessions', 'glip/posts', 'unknown-thing'),
    fc.array(fc.tuple(fc.stringMatching(/^[A-Za-z]{1,12}$/), anyString(10)), { maxLength: 3 }),
  )
  .map(([account, extension, resource, query]) => {
    const path = `/restapi/v1.0/account/${account}/extension/${extension}/${resource}`;
    const pairs = query.map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, 'x'))}`);
    return pairs.length === 0 ? path : `${path}?${pairs.join('&')}`;
  });
const resourcePath = fc.oneof(
  nearValidPath,
  fc
    .tuple(
      fc.array(pathSegment, { minLength: 1, maxLength: 9 }),
      fc.option(
        fc.array(fc.tuple(anyString(10), fc.option(anyString(10), { nil: undefined })), { maxLength: 4 }),
        { nil: undefined },
      ),
    )
    .map(([segments, query]) => {
      const path = `/${segments.join('/')}`;
      if (query === undefined) return path;
      return `${path}?${query.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)).join('&')}`;
    }),
  fc.constantFrom(
    PRESENCE_MINE,
    PRESENCE_2001,
    '/restapi/v1.0/account/~/extension/~/message-store?type=SMS',
    '/restapi/v1.0/subscription/~?threshold=60&interval=30',
    '/restapi/v1.0/subscription/~?threshold=600&interval=300',
    '/restapi/v1.0/account/~/telephony/sessions',
    `${PRESENCE_2001}?detailedTelephonyState=true&detailedTelephonyState=false`,
    `${PRESENCE_2001}?%zz=1`,
    `${PRESENCE_2001}#fragment`,
    `${PRESENCE_2001}\r\nX: y`,
  ),
  anyString(200),
);

/** Any JSON value, mostly small, sometimes odd numbers and strings. */
const jsonish = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -0, 1e308, '', ' ', true, null) },
  { weight: 1, arbitrary: anyString(60) },
);

const verificationToken = fc.oneof(
  fc.stringMatching(/^[\x20-\x7e]{0,300}$/),
  anyString(30),
  fc.constantFrom('tok\r\nX-Injected: 1', 'tok\nX: 1', 'tok\u0000', 'tök', 'tok\u2028', '\t'),
);

/** A create body with every field sometimes right, sometimes anything. */
const subscriptionBody = fc.record(
  {
    eventFilters: fc.oneof(
      { weight: 3, arbitrary: fc.array(resourcePath, { maxLength: 4 }) },
      { weight: 1, arbitrary: jsonish },
    ),
    deliveryMode: fc.oneof(
      {
        weight: 3,
        arbitrary: fc.record(
          {
            transportType: fc.oneof(fc.constantFrom('WebHook', 'webhook', 'PubNub'), jsonish),
            address: fc.oneof(
              fc.constantFrom(
                'http://127.0.0.1:9/hook',
                'https://example.com/h',
                'ftp://x',
                'http://u:p@h/',
                '//x',
              ),
              fc.webUrl(),
              anyString(),
              jsonish,
            ),
            verificationToken: fc.oneof(verificationToken, jsonish),
            encryption: fc.oneof(fc.boolean(), jsonish),
            expiresIn: jsonish,
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: jsonish },
    ),
    expiresIn: fc.oneof(fc.integer({ min: -10, max: 400_000_000 }), jsonish),
    extra: jsonish,
  },
  { requiredKeys: [] },
);

const publishItem = fc.record(
  {
    event: fc.oneof(
      { weight: 4, arbitrary: nearValidPath },
      { weight: 2, arbitrary: resourcePath },
      { weight: 1, arbitrary: jsonish },
    ),
    body: fc.oneof(
      { weight: 3, arbitrary: fc.dictionary(anyString(8), jsonish) },
      { weight: 1, arbitrary: jsonish },
    ),
    id: fc.oneof({ weight: 3, arbitrary: anyString(40) }, { weight: 1, arbitrary: anyString(300) }, jsonish),
  },
  { requiredKeys: [] },
);
/** Right shape, fuzzed content: these get past the schema to the path checks and the matching. */
const wellFormedItem = fc.record(
  {
    event: fc.oneof({ weight: 3, arbitrary: nearValidPath }, { weight: 1, arbitrary: resourcePath }),
    body: fc.dictionary(anyString(8), jsonish, { maxKeys: 5 }),
    id: anyString(40),
  },
  { requiredKeys: ['event', 'body'] },
);
const publishBody = fc.oneof(
  { weight: 3, arbitrary: wellFormedItem },
  { weight: 2, arbitrary: fc.record({ events: fc.array(wellFormedItem, { minLength: 1, maxLength: 5 }) }) },
  { weight: 2, arbitrary: publishItem },
  {
    weight: 1,
    arbitrary: fc.record(
      { events: fc.oneof(fc.array(publishItem, { maxLength: 5 }), jsonish) },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(publishItem, fc.array(publishItem, { maxLength: 3 }))
      .map(([one, events]) => ({ ...one, events })),
  },
);

const tokenBody = fc.record(
  {
    role: fc.oneof(fc.constantFrom('admin', 'user', 'publisher', 'Admin', ''), jsonish),
    name: fc.oneof(anyString(250), jsonish),
    accountId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._-]{0,70}$/), anyString(), jsonish),
    extensionId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._-]{0,70}$/), anyString(), jsonish),
  },
  { requiredKeys: [] },
);

/** A body as a client might send it: JSON text, broken JSON, text, or raw bytes. */
const rawBody = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  { weight: 4, arbitrary: jsonish.map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: anyString(100) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)) },
  {
    weight: 1,
    arbitrary: jsonish.map((v) => {
      const text = JSON.stringify(v) ?? 'null';
      return text.slice(0, Math.max(0, text.length - 1));
    }),
  },
);

const contentType = fc.oneof(
  fc.constantFrom(
    undefined,
    'application/json',
    'application/json; charset=UTF-8',
    'APPLICATION/JSON',
    'application/json; charset=latin1',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
    '',
  ),
  anyString(30),
);

const authorization = fc.oneof(
  fc.constantFrom(...TOKEN_CHOICES).map((t) => (t === undefined ? undefined : `Bearer ${t}`)),
  fc.constantFrom(
    `bearer ${TOKENS.admin}`,
    `Bearer  ${TOKENS.admin}  `,
    `Bearer ${TOKENS.admin}\r\nX-Injected: 1`,
    `Bearer ${TOKENS.admin}\n`,
    `Bearer\t${TOKENS.admin}`,
    `Basic ${Buffer.from(`x:${TOKENS.admin}`).toString('base64')}`,
    `Bearer ${TOKENS.admin} ${TOKENS.user}`,
    `Bearer ${TOKENS.admin}\u0000`,
  ),
  anyString(60).map((s) => `Bearer ${s}`),
);

describe('fuzzing every API input', () => {
  let h: Harness;
  let routes: RouteEntry[];
  const ids: Record<string, string> = {};
  /** What the any-route property may hit, DELETE included: nothing the later properties need. */
  const targets: Record<string, string> = {};
  const stats: Stats = { cases: 0, byStatus: new Map() };
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    h = await createHarness();
    // The live stream never ends, so inject() would wait forever for it; its bad input is covered
    // in test/api/stream.test.ts over a real socket.
    routes = (await listRoutes(h.app)).filter((r) => !(r.method === 'GET' && r.url === '/v1/stream'));
    ids.subscription = (await subscribe(h, TOKENS.user)).json.id;
    const published = await h.app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${TOKENS.publisher}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ event: PRESENCE_2001, body: {} }),
    });
    const eventId: string = JSON.parse(published.body).events[0].id;
    const deliveryId = (await h.store.listDeliveries({ limit: 1 }))[0]?.id ?? '';
    ids.event = eventId;
    targets.subscription = (await subscribe(h, TOKENS.user)).json.id;
    targets.event = eventId;
    targets.delivery = deliveryId;
    targets.token = 'token-userOtherExtension';
  });
  after(async () => {
    process.off('unhandledRejection', onUnhandled);
    await h.close();
  });

  /**
   * Sends one request and checks the invariant. Created subscriptions are deleted again, so the
   * 30-per-extension limit (SUB-505) does not end up answering every later create.
   */
  async function check(request: {
    method: string;
    url: string;
    headers?: Record<string, string | undefined>;
    payload?: string | Buffer | undefined;
  }): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers ?? {})) if (v !== undefined) headers[k] = v;
    const res = await h.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
    stats.cases++;
    stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1);
    const what = `${request.method} ${request.url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
    assert.ok(res.statusCode < 500, `never a 5xx: ${what}`);
    let json: unknown;
    if (res.statusCode >= 400) {
      assert.equal(errorShapeProblem(res.body), null, what);
      json = JSON.parse(res.body);
    } else if (res.statusCode !== 204 && !NOT_JSON.test(request.url)) {
      json = JSON.parse(res.body);
    }
    if (request.method === 'POST' && request.url === SUBSCRIPTION && res.statusCode === 200) {
      const id = (json as { id: string }).id;
      const del = await h.app.inject({
        method: 'DELETE',
        url: `${SUBSCRIPTION}/${id}`,
        headers: { authorization: headers.authorization ?? '' },
      });
      assert.equal(del.statusCode, 204);
    }
    return { status: res.statusCode, json };
  }

  const json = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  it('any route, token, path parameter, query string, headers and body', async () => {
    const request = fc.record({
      route: fc.constantFrom(...routes),
      id: fc.oneof(fc.constantFrom('subscription', 'event', 'delivery', 'token', 'none'), urlPiece),
      query: queryString,
      authorization,
      contentType,
      accept: fc.option(
        fc.oneof(fc.constantFrom('application/json', 'text/html', '*/*', ''), anyString(20)),
        {
          nil: undefined,
        },
      ),
      extra: fc.dictionary(
        fc.stringMatching(/^x-[a-z0-9-]{1,20}$/),
        fc.stringMatching(/^[\x20-\x7e]{0,100}$/),
        {
          maxKeys: 3,
        },
      ),
      body: rawBody,
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const id = (Object.hasOwn(targets, r.id) ? targets[r.id] : undefined) ?? r.id;
        const url = r.route.url.replace(':id', id) + r.query;
        await check({
          method: r.route.method,
          url,
          headers: {
            ...r.extra,
            authorization: r.authorization,
            'content-type': r.contentType,
            accept: r.accept,
          },
          payload: r.body,
        });
      }),
      { numRuns: runs(1500) },
    );
  });

  it('subscription create and update bodies, event filters included', async () => {
    await fc.assert(
      fc.asyncProperty(subscriptionBody, fc.boolean(), async (body, update) => {
        const url = update ? `${SUBSCRIPTION}/${ids.subscription}` : SUBSCRIPTION;
        await check({
          method: update ? 'PUT' : 'POST',
          url,
          headers: json(TOKENS.user),
          payload: JSON.stringify(body),
        });
      }),
      { numRuns: runs(800) },
    );
  });

  it('event filters alone: a valid create body with fuzzed eventFilters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(resourcePath, { minLength: 1, maxLength: 6 }), async (eventFilters) => {
        await check({
          method: 'POST',
          url: SUBSCRIPTION,
          headers: json(TOKENS.user),
          payload: JSON.stringify(createBody({ eventFilters })),
        });
      }),
      { numRuns: runs(500) },
    );
  });

  it('publish bodies: single events and batches, event paths, bodies and publisher ids', async () => {
    await fc.assert(
      fc.asyncProperty(publishBody, fc.constantFrom(TOKENS.publisher, TOKENS.admin), async (body, token) => {
        await check({
          method: 'POST',
          url: '/v1/events',
          headers: json(token),
          payload: JSON.stringify(body),
        });
      }),
      { numRuns: runs(600) },
    );
  });

  it('token, recover and query inputs', async () => {
    await fc.assert(
      fc.asyncProperty(tokenBody, async (body) => {
        await check({
          method: 'POST',
          url: '/v1/tokens',
          headers: json(TOKENS.admin),
          payload: JSON.stringify(body),
        });
      }),
      { numRuns: runs(300) },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.record({ since: fc.oneof(anyString(), jsonish) }), jsonish),
        async (body) => {
          await check({
            method: 'POST',
            url: `/v1/subscriptions/${ids.subscription}/recover`,
            headers: json(TOKENS.user),
            payload: JSON.stringify(body),
          });
        },
      ),
      { numRuns: runs(200) },
    );
    await fc.assert(
      fc.asyncProperty(queryString, fc.constantFrom('/deliveries', ''), async (query, suffix) => {
        await check({
          method: 'GET',
          url: `/v1/subscriptions${suffix ? `/${ids.subscription}${suffix}` : ''}${query}`,
          headers: { authorization: `Bearer ${TOKENS.user}` },
        });
        await check({
          method: 'GET',
          url: `/v1/events/${ids.event}${query}`,
          headers: { authorization: `Bearer ${TOKENS.publisher}` },
        });
      }),
      { numRuns: runs(200) },
    );
  });

  it('invalid UTF-8 anywhere in a JSON body → 400 SWB-107', async () => {
    const invalid = fc.constantFrom(
      [0xff],
      [0xfe],
      [0x80],
      [0xc0, 0xaf],
      [0xc3, 0x28],
      [0xe2, 0x82],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
    );
    const valid = JSON.stringify({ event: PRESENCE_2001, body: { text: 'hello, world' } });
    await fc.assert(
      fc.asyncProperty(invalid, fc.nat({ max: valid.length }), async (bad, at) => {
        const payload = Buffer.concat([
          Buffer.from(valid.slice(0, at)),
          Buffer.from(bad),
          Buffer.from(valid.slice(at)),
        ]);
        const { status, json: body } = await check({
          method: 'POST',
          url: '/v1/events',
          headers: json(TOKENS.publisher),
          payload,
        });
        assert.equal(status, 400);
        assert.equal((body as { errorCode: string }).errorCode, 'SWB-107');
      }),
      { numRuns: runs(200) },
    );
  });

  it('CR, LF and NUL in tokens: verification tokens refused, bearer tokens never match', async () => {
    const withControl = fc
      .tuple(
        fc.stringMatching(/^[\x20-\x7e]{0,20}$/),
        fc.constantFrom('\r', '\n', '\r\n', '\u0000', '\u007f'),
      )
      .chain(([base, control]) =>
        fc.nat({ max: base.length }).map((at) => base.slice(0, at) + control + base.slice(at)),
      );
    await fc.assert(
      fc.asyncProperty(withControl, async (token) => {
        const body = createBody();
        (body.deliveryMode as Record<string, unknown>).verificationToken = token;
        const created = await check({
          method: 'POST',
          url: SUBSCRIPTION,
          headers: json(TOKENS.user),
          payload: JSON.stringify(body),
        });
        assert.equal(created.status, 400);
        assert.equal(
          (created.json as { parameterName: string }).parameterName,
          'deliveryMode.verificationToken',
        );
        const bearer = await check({
          method: 'GET',
          url: SUBSCRIPTION,
          headers: { authorization: `Bearer ${TOKENS.user}${token}` },
        });
        assert.equal(bearer.status, 401);
      }),
      { numRuns: runs(200) },
    );
  });

  it('huge and deeply nested JSON', async (t) => {
    const limit = h.ctx.config.bodyLimitBytes;
    const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    const wrap = (inner: string) => `{"event":"${PRESENCE_2001}","body":{"x":${inner}}}`;
    const cases: Array<[string, string, number]> = [
      [`nested ${MAX_JSON_DEPTH - 2} levels`, wrap(deepArray(MAX_JSON_DEPTH - 2)), 202],
      [`nested ${MAX_JSON_DEPTH} levels`, wrap(deepArray(MAX_JSON_DEPTH - 1)), 400],
      ['nested 10 000 levels (arrays)', wrap(deepArray(10_000)), 400],
      ['nested 10 000 levels (objects)', wrap(deepObject(10_000)), 400],
      ['nested 1 000 000 levels (arrays, under the size limit)', wrap(deepArray(1_000_000)), 400],
      ['nested past the size limit', wrap(deepObject(1_000_000)), 413],
      ['a 4 MB string', wrap(JSON.stringify('x'.repeat(4 * 1024 * 1024))), 202],
      ['an array of 500 000 numbers', wrap(`[${Array.from({ length: 500_000 }, () => '1').join(',')}]`), 202],
      ['a body one byte over the limit', wrap(JSON.stringify('x'.repeat(limit))), 413],
      ['a number too large for a double', wrap('1e99999'), 202],
      ['100 000 keys', wrap(`{${Array.from({ length: 100_000 }, (_, i) => `"k${i}":0`).join(',')}}`), 202],
      [
        'a duplicate __proto__ key deep inside',
        wrap(`${deepObject(50).slice(0, -51)}{"__proto__":{"x":1}}${'}'.repeat(50)}`),
        400,
      ],
      [
        'a batch over the maximum',
        JSON.stringify({ events: Array.from({ length: 1001 }, () => ({ event: PRESENCE_2001, body: {} })) }),
        400,
      ],
    ];
    for (const [name, payload, expected] of cases) {
      const { status } = await check({
        method: 'POST',
        url: '/v1/events',
        headers: json(TOKENS.publisher),
        payload,
      });
      assert.equal(status, expected, name);
    }
    for (const url of [SUBSCRIPTION, `${SUBSCRIPTION}/${ids.subscription}`, '/v1/tokens']) {
      const { status } = await check({
        method: url === SUBSCRIPTION ? 'POST' : url === '/v1/tokens' ? 'POST' : 'PUT',
        url,
        headers: json(url === '/v1/tokens' ? TOKENS.admin : TOKENS.user),
        payload: `{"extra":${deepArray(100_000)}}`,
      });
      assert.equal(status, 400, url);
    }
    t.diagnostic(`huge/deep cases: ${cases.length + 3}`);
  });

  it('the server is healthy afterwards: ready, and a normal create and publish work', async (t) => {
    const ready = await check({ method: 'GET', url: '/readyz' });
    assert.equal(ready.status, 200);
    // A fresh extension: fuzzing may have left the user's own at its subscription limit.
    const token = await h.app.inject({
      method: 'POST',
      url: '/v1/tokens',
      headers: json(TOKENS.admin),
      payload: JSON.stringify({ role: 'user', name: 'after fuzzing', extensionId: '2999' }),
    });
    const bearer = JSON.parse(token.body).token as string;
    const created = await check({
      method: 'POST',
      url: SUBSCRIPTION,
      headers: json(bearer),
      payload: JSON.stringify(createBody()),
    });
    assert.equal(created.status, 200);
    const published = await check({
      method: 'POST',
      url: '/v1/events',
      headers: json(TOKENS.publisher),
      payload: JSON.stringify({
        event: '/restapi/v1.0/account/1001/extension/2999/presence',
        body: { ok: 1 },
      }),
    });
    assert.equal(published.status, 202);
    assert.deepEqual(unhandled, [], 'no unhandled rejections');
    const statuses = [...stats.byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
    t.diagnostic(`fuzz cases: ${stats.cases} requests (scale ${SCALE}); statuses ${statuses}`);
  });
});
