import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../../src/model.js';
import { hashToken } from '../../src/tokens/hash-token.js';
import { PRESENCE_2001, TOKENS } from '../api/api-fixtures.js';
import { type Answer, call, createBody, createHarness, type Harness, subscribe } from '../api/harness.js';
import { listRoutes, type RouteEntry } from './support/list-routes.js';

/**
 * The tenancy matrix (docs/architecture.md "Guarantees" → Tenancy, docs/reliability.md): every route Fastify serves is
 * tried with no token, bad tokens, every wrong role, and every other tenant's token. Routes are
 * read from Fastify's route tree, and a route missing from RULES fails the test, so a new
 * endpoint cannot be left out of the matrix.
 */

type Resource = 'subscription' | 'event' | 'delivery' | 'token';

interface Rule {
  /** Roles the route admits; null for the public routes (health probes, the API reference). */
  roles: Role[] | null;
  /** What `:id` names; its owner's token must get 2xx, other tenants' 404. */
  resource?: Resource;
  /** A valid body, so validation (400) cannot answer before the tenancy check. */
  body?: unknown;
  /** 2xx status the owner gets. */
  ok?: number;
  /**
   * An endless response (the live stream): inject() cannot wait for it, so its owner's 2xx and
   * its tenancy are checked over a real socket in test/api/stream.test.ts.
   */
  endless?: true;
}

const SUBSCRIBERS: Role[] = ['admin', 'account-admin', 'user'];
const EVERYONE: Role[] = ['admin', 'account-admin', 'publisher', 'user'];
const ALL_ROLES: Role[] = ['admin', 'account-admin', 'publisher', 'user'];
const ADMINS: Role[] = ['admin'];

const RULES: Record<string, Rule> = {
  'GET /healthz': { roles: null },
  'GET /readyz': { roles: null },
  'POST /restapi/v1.0/subscription': { roles: SUBSCRIBERS, body: createBody(), ok: 200 },
  'GET /restapi/v1.0/subscription': { roles: SUBSCRIBERS, ok: 200 },
  'GET /restapi/v1.0/subscription/:id': { roles: SUBSCRIBERS, resource: 'subscription', ok: 200 },
  'PUT /restapi/v1.0/subscription/:id': {
    roles: SUBSCRIBERS,
    resource: 'subscription',
    body: { expiresIn: 3600 },
    ok: 200,
  },
  'DELETE /restapi/v1.0/subscription/:id': { roles: SUBSCRIBERS, resource: 'subscription', ok: 204 },
  'POST /restapi/v1.0/subscription/:id/renew': { roles: SUBSCRIBERS, resource: 'subscription', ok: 200 },
  'POST /v1/events': { roles: ['admin', 'publisher'], body: { event: PRESENCE_2001, body: {} }, ok: 202 },
  'GET /v1/events/:id': { roles: EVERYONE, resource: 'event', ok: 200 },
  'GET /v1/subscriptions': { roles: SUBSCRIBERS, ok: 200 },
  'GET /v1/subscriptions/:id': { roles: SUBSCRIBERS, resource: 'subscription', ok: 200 },
  'GET /v1/subscriptions/:id/deliveries': { roles: SUBSCRIBERS, resource: 'subscription', ok: 200 },
  'POST /v1/subscriptions/:id/recover': {
    roles: SUBSCRIBERS,
    resource: 'subscription',
    body: { since: '2020-01-01' },
    ok: 200,
  },
  'POST /v1/subscriptions/:id/rotate-secret': { roles: SUBSCRIBERS, resource: 'subscription', ok: 200 },
  'GET /v1/deliveries/:id': { roles: EVERYONE, resource: 'delivery', ok: 200 },
  'POST /v1/deliveries/:id/redeliver': { roles: EVERYONE, resource: 'delivery', ok: 202 },
  'POST /v1/tokens': { roles: ADMINS, body: { role: 'user', name: 'matrix' }, ok: 201 },
  'GET /v1/tokens': { roles: ADMINS, ok: 200 },
  'DELETE /v1/tokens/:id': { roles: ADMINS, resource: 'token', ok: 204 },
  'GET /v1/events': { roles: EVERYONE, ok: 200 },
  'GET /v1/deliveries': { roles: EVERYONE, ok: 200 },
  'POST /v1/deliveries/redeliver': { roles: EVERYONE, body: {}, ok: 200 },
  'GET /v1/stream': { roles: EVERYONE, ok: 200, endless: true },
  'GET /metrics': { roles: ADMINS, ok: 200 },
  'GET /openapi.json': { roles: null },
  'GET /openapi.yaml': { roles: null },
  'GET /docs': { roles: null },
  'GET /docs/': { roles: null },
  'GET /docs/*': { roles: null },
  'GET /docs/json': { roles: null },
  'GET /docs/yaml': { roles: null },
  'GET /docs/static/index.html': { roles: null },
  'GET /docs/static/swagger-initializer.js': { roles: null },
  'GET /docs/static/theme/favicon.svg': { roles: null },
  // OAuth: the client authenticates by HTTP Basic (or PKCE), not by a bearer token.
  'POST /restapi/oauth/token': { roles: null },
  'POST /restapi/oauth/revoke': { roles: null },
  'GET /restapi/oauth/authorize': { roles: null },
  'POST /restapi/oauth/authorize': { roles: null },
  // Who am I: anyone signed in, about its own account and extension (who-am-i.test.ts covers ids).
  'GET /restapi/v1.0/account/:accountId': { roles: EVERYONE, ok: 200 },
  'GET /restapi/v1.0/account/:accountId/extension/:extensionId': { roles: EVERYONE, ok: 200 },
  'POST /v1/apps': { roles: ADMINS, body: { name: 'matrix' }, ok: 201 },
  'GET /v1/apps': { roles: ADMINS, ok: 200 },
  'DELETE /v1/apps/:clientId': { roles: ADMINS, ok: 204 },
  'POST /v1/credentials': { roles: ADMINS, body: { extensionId: '2001' }, ok: 201 },
  'PUT /v1/accounts/:accountId': { roles: ADMINS, body: { name: 'Matrix' }, ok: 200 },
  'PUT /v1/accounts/:accountId/extensions/:extensionId': { roles: ADMINS, body: { name: 'Matrix' }, ok: 200 },
  // The dashboard: its pages and the sign-in itself are public; its data goes by the token's role.
  'GET /': { roles: null },
  'GET /dashboard': { roles: null },
  'GET /dashboard*': { roles: null },
  'GET /dashboard/assets/:name': { roles: null },
  'POST /dashboard/session': { roles: null },
  'GET /dashboard/session': { roles: null },
  'DELETE /dashboard/session': { roles: null },
  'GET /dashboard/api/overview': { roles: EVERYONE, ok: 200 },
  'GET /dashboard/api/events/:id/explain': { roles: EVERYONE, resource: 'event', ok: 200 },
  'GET /dashboard/api/test-event-kinds': { roles: EVERYONE, ok: 200 },
  'POST /dashboard/api/test-event-drafts': {
    roles: ['admin', 'publisher'],
    body: { kind: 'presence' },
    ok: 200,
  },
};

/** An account admin of 1001 (extension 2009): sees every extension of its account (docs/reliability.md, finding 6). */
const ACCOUNT_ADMIN = 'sbt_account_admin_1001';
const ACCOUNT_ADMIN_OTHER_ACCOUNT = 'sbt_account_admin_1002';
/** Another publisher of account 1001: it did not publish the event, so it sees none of it. */
const PUBLISHER_SAME_ACCOUNT = 'sbt_publisher_1001_other';

/** One token per role, all of account 1001: the owners of every resource below. */
const OWNER_BY_ROLE: Record<Role, string> = {
  admin: TOKENS.admin,
  'account-admin': ACCOUNT_ADMIN,
  user: TOKENS.user,
  publisher: TOKENS.publisher,
};

const PUBLISHER_OTHER_ACCOUNT = 'sbt_publisher_1002';

/**
 * Other tenants, by the resource scope: subscriptions and their deliveries belong to an
 * extension, events to an account (a user of another extension of the same account may read the
 * event, but not the deliveries of subscriptions that are not theirs).
 */
const FOREIGN: Record<Resource, Array<{ name: string; token: string; role: Role }>> = {
  subscription: [
    { name: 'user of another extension', token: TOKENS.userOtherExtension, role: 'user' },
    { name: 'user of another account', token: TOKENS.userOtherAccount, role: 'user' },
    { name: 'account admin of another account', token: ACCOUNT_ADMIN_OTHER_ACCOUNT, role: 'account-admin' },
  ],
  delivery: [
    { name: 'user of another extension', token: TOKENS.userOtherExtension, role: 'user' },
    { name: 'user of another account', token: TOKENS.userOtherAccount, role: 'user' },
    { name: 'publisher of another account', token: PUBLISHER_OTHER_ACCOUNT, role: 'publisher' },
    { name: 'another publisher of the account', token: PUBLISHER_SAME_ACCOUNT, role: 'publisher' },
    { name: 'account admin of another account', token: ACCOUNT_ADMIN_OTHER_ACCOUNT, role: 'account-admin' },
  ],
  // An event names an extension: other extensions' users and other publishers do not see it.
  event: [
    { name: 'user of another extension', token: TOKENS.userOtherExtension, role: 'user' },
    { name: 'user of another account', token: TOKENS.userOtherAccount, role: 'user' },
    { name: 'publisher of another account', token: PUBLISHER_OTHER_ACCOUNT, role: 'publisher' },
    { name: 'another publisher of the account', token: PUBLISHER_SAME_ACCOUNT, role: 'publisher' },
    { name: 'account admin of another account', token: ACCOUNT_ADMIN_OTHER_ACCOUNT, role: 'account-admin' },
  ],
  // Tokens are managed by the server admin only: there is no other tenant that may reach them.
  token: [],
};

const key = (r: RouteEntry) => `${r.method} ${r.url}`;

function isErrorShape(answer: Answer, code: string): boolean {
  const j = answer.json;
  return (
    j?.errorCode === code &&
    typeof j.message === 'string' &&
    Array.isArray(j.errors) &&
    j.errors[0]?.errorCode === code &&
    j.errors[0]?.message === j.message
  );
}

describe('tenancy matrix over every route', () => {
  let h: Harness;
  let routes: RouteEntry[];
  const ids: Record<Resource, string> = { subscription: '', event: '', delivery: '', token: '' };
  const counts = { requests: 0, routes: 0 };
  let appClientId = '';

  async function request(route: RouteEntry, token: string | undefined, headers: Record<string, string> = {}) {
    const rule = RULES[key(route)];
    const url = route.url
      .replace(':id', rule?.resource ? ids[rule.resource] : 'x')
      // "Who am I" by `~`; the operator's directory routes by the owner's real ids.
      .replace(':accountId', route.url.startsWith('/restapi/') ? '~' : '1001')
      .replace(':extensionId', route.url.startsWith('/restapi/') ? '~' : '2001')
      .replace(':clientId', appClientId);
    counts.requests++;
    return call(h, route.method, url, { token, body: rule?.body, headers });
  }

  before(async () => {
    h = await createHarness();
    const extra: Array<[string, Role, string, string]> = [
      [PUBLISHER_OTHER_ACCOUNT, 'publisher', '1002', ''],
      [PUBLISHER_SAME_ACCOUNT, 'publisher', '1001', ''],
      [ACCOUNT_ADMIN, 'account-admin', '1001', '2009'],
      [ACCOUNT_ADMIN_OTHER_ACCOUNT, 'account-admin', '1002', '3009'],
    ];
    for (const [bearer, role, accountId, extensionId] of extra) {
      await h.store.createToken({
        id: `token-${bearer}`,
        name: bearer,
        role,
        accountId,
        extensionId,
        hash: hashToken(bearer),
        createdAt: h.clock.now(),
        revokedAt: null,
      });
    }
    ids.subscription = (await subscribe(h)).json.id;
    const published = await call(h, 'POST', '/v1/events', {
      token: TOKENS.publisher,
      body: { event: PRESENCE_2001, body: { presenceStatus: 'Busy' } },
    });
    ids.event = published.json.events[0].id;
    const [delivery] = await h.store.listDeliveries({ subscriptionId: ids.subscription, limit: 1 });
    assert.ok(delivery, 'the publish fanned out to the subscription');
    ids.delivery = delivery.id;
    ids.token = 'token-userOtherExtension';
    appClientId = (await call(h, 'POST', '/v1/apps', { token: TOKENS.admin, body: { name: 'owned' } })).json
      .clientId;
    routes = await listRoutes(h.app);
    counts.routes = routes.length;
  });
  after(async () => h.close());

  it('knows every route (a new route must be added to RULES)', () => {
    const unknown = routes.filter((r) => !(key(r) in RULES)).map(key);
    assert.deepEqual(unknown, [], 'routes without a tenancy rule');
    const gone = Object.keys(RULES).filter((k) => !routes.some((r) => key(r) === k));
    assert.deepEqual(gone, [], 'rules for routes that no longer exist');
  });

  it('no token → 401 SWB-101; unknown, revoked or malformed tokens → 401', async () => {
    for (const route of routes) {
      if (RULES[key(route)]?.roles === null) continue;
      const none = await request(route, undefined);
      assert.equal(none.status, 401, `${key(route)} without a token`);
      // RingCentral's paths answer RingCentral's OAU-213 (the SDKs refresh on it); /v1 its own codes.
      const ringcentral = route.url.startsWith('/restapi/');
      assert.ok(isErrorShape(none, ringcentral ? 'OAU-213' : 'SWB-101'), `${key(route)}: ${none.text}`);
      assert.equal(none.headers['www-authenticate'], 'Bearer');
      for (const token of ['sbt_not-a-token', TOKENS.revoked, TOKENS.user.toUpperCase()]) {
        const bad = await request(route, token);
        assert.equal(bad.status, 401, `${key(route)} with ${token}`);
        assert.ok(isErrorShape(bad, ringcentral ? 'OAU-213' : 'SWB-102'), `${key(route)}: ${bad.text}`);
      }
      for (const authorization of [`Basic ${TOKENS.admin}`, `${TOKENS.admin}`, 'Bearer', 'Bearer a b']) {
        const malformed = await request(route, undefined, { authorization });
        assert.equal(malformed.status, 401, `${key(route)} with Authorization: ${authorization}`);
      }
    }
  });

  it('the wrong role → 403 SWB-103, before anything about the resource is revealed', async () => {
    for (const route of routes) {
      const roles = RULES[key(route)]?.roles;
      if (!roles) continue;
      for (const role of ALL_ROLES) {
        if (roles.includes(role)) continue;
        const answer = await request(route, OWNER_BY_ROLE[role]);
        assert.equal(answer.status, 403, `${key(route)} as ${role}`);
        assert.ok(isErrorShape(answer, 'SWB-103'), `${key(route)}: ${answer.text}`);
      }
    }
  });

  it("another extension's or account's token → 404 CMN-102, and nothing changes", async () => {
    const before = (await call(h, 'GET', `/v1/subscriptions/${ids.subscription}`, { token: TOKENS.user }))
      .text;
    let checked = 0;
    for (const route of routes) {
      const rule = RULES[key(route)];
      if (!rule?.roles || !rule.resource) continue;
      for (const foreign of FOREIGN[rule.resource]) {
        if (!rule.roles.includes(foreign.role)) continue;
        const answer = await request(route, foreign.token);
        assert.equal(answer.status, 404, `${key(route)} as ${foreign.name}: ${answer.text}`);
        assert.ok(isErrorShape(answer, 'CMN-102'), `${key(route)}: ${answer.text}`);
        checked++;
      }
    }
    assert.ok(checked >= 20, `${checked} foreign-tenant requests`);
    const afterwards = (await call(h, 'GET', `/v1/subscriptions/${ids.subscription}`, { token: TOKENS.user }))
      .text;
    assert.equal(afterwards, before, 'the subscription is exactly as it was');
    const delivery = await h.store.getDelivery(ids.delivery);
    assert.equal(delivery?.attempts, 0, 'no foreign redeliver reached the delivery');
  });

  it('lists never show another tenant’s records; an unknown id is 404 like a foreign one', async () => {
    for (const token of [TOKENS.userOtherExtension, TOKENS.userOtherAccount]) {
      const rc = await call(h, 'GET', '/restapi/v1.0/subscription', { token });
      assert.equal(rc.status, 200);
      assert.deepEqual(rc.json.records, []);
      const v1 = await call(h, 'GET', '/v1/subscriptions?accountId=1001', { token });
      assert.equal(v1.status, 200);
      assert.deepEqual(v1.json.records, []);
    }
    const listed = await call(h, 'GET', '/v1/subscriptions', { token: TOKENS.user });
    assert.deepEqual(
      listed.json.records.map((r: { id: string }) => r.id),
      [ids.subscription],
    );
    for (const route of routes) {
      const rule = RULES[key(route)];
      if (!rule?.roles || !rule.resource) continue;
      const url = route.url.replace(':id', '00000000-0000-4000-8000-00000000dead');
      const answer = await call(h, route.method, url, {
        token: OWNER_BY_ROLE[rule.roles[0] ?? 'admin'],
        body: rule.body,
      });
      assert.equal(answer.status, 404, `${key(route)} with an unknown id`);
      assert.ok(isErrorShape(answer, 'CMN-102'));
    }
  });

  it('publishing or subscribing across accounts is refused; the owner gets 2xx everywhere', async () => {
    const foreignPublish = await call(h, 'POST', '/v1/events', {
      token: PUBLISHER_OTHER_ACCOUNT,
      body: { event: PRESENCE_2001, body: {} },
    });
    assert.equal(foreignPublish.status, 403);
    assert.ok(isErrorShape(foreignPublish, 'SWB-108'));
    const foreignFilter = await call(h, 'POST', '/restapi/v1.0/subscription', {
      token: TOKENS.userOtherAccount,
      body: createBody({ eventFilters: [PRESENCE_2001] }),
    });
    assert.equal(foreignFilter.status, 403);
    assert.ok(isErrorShape(foreignFilter, 'SUB-406'));

    // Positive control: the ids are real, so the 404s above were about tenancy. Deletes last.
    const ordered = [...routes].sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
    for (const route of ordered) {
      const rule = RULES[key(route)];
      if (!rule?.roles || rule.endless) continue;
      for (const role of rule.roles) {
        if (route.method === 'DELETE' && role !== rule.roles.at(-1)) continue;
        const answer = await request(route, OWNER_BY_ROLE[role]);
        assert.equal(answer.status, rule.ok, `${key(route)} as the owner (${role}): ${answer.text}`);
      }
    }
  });

  it('reports the size of the matrix', (t) => {
    t.diagnostic(`tenancy matrix: ${counts.routes} routes, ${counts.requests} requests`);
  });
});
