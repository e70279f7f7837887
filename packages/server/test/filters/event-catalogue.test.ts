import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  catalogueSource,
  eventFiltersFromSpec,
  specPath,
} from '../../../../scripts/generate-event-filters.js';
import { isKnownFilterPath } from '../../src/filters/event-catalogue.js';
import { RINGCENTRAL_EVENT_FILTERS } from '../../src/filters/ringcentral-event-filters.js';
import { validateFilters } from '../../src/filters/validate-filters.js';

const owner = { accountId: '1001', extensionId: '2001' };
const options = { ttlSeconds: 604800, maxFilters: 100, eventNamespaces: ['/acme/'] };

describe('the event-filter catalogue', () => {
  it('is what RingCentral’s OpenAPI spec (ringcentral-open-api-parser) says, as committed', () => {
    const fromSpec = eventFiltersFromSpec(readFileSync(specPath(), 'utf8'));
    assert.deepEqual(RINGCENTRAL_EVENT_FILTERS, fromSpec);
    assert.ok(fromSpec.length >= 10);
    const committed = readFileSync(
      new URL('../../src/filters/ringcentral-event-filters.ts', import.meta.url),
      'utf8',
    );
    assert.ok(
      catalogueSource(fromSpec).startsWith(committed.slice(0, 200)),
      'the committed file is the generator’s',
    );
  });

  it('names the events the spec delivers for presence and telephony sessions', () => {
    const events = (path: string) => RINGCENTRAL_EVENT_FILTERS.find((e) => e.path === path)?.events ?? [];
    assert.ok(
      events('/restapi/v1.0/account/{accountId}/extension/{extensionId}/presence').includes(
        'ExtensionPresenceEvent',
      ),
    );
    assert.ok(
      events('/restapi/v1.0/account/{accountId}/telephony/sessions').includes(
        'AccountTelephonySessionsEvent',
      ),
    );
  });

  it('accepts RingCentral’s documented filters, with ids or ~', () => {
    for (const path of [
      '/restapi/v1.0/account/~/extension/~/presence',
      '/restapi/v1.0/account/1001/extension/2001/message-store',
      '/restapi/v1.0/account/~/extension/~/message-store/instant',
      '/restapi/v1.0/account/~/telephony/sessions',
      '/restapi/v1.0/account/~/extension/~/telephony/sessions',
      '/restapi/v1.0/account/~/extension',
      '/restapi/v1.0/account/~/extension/~',
      '/restapi/v1.0/glip/posts',
      '/team-messaging/v1/posts',
      '/restapi/v1.0/subscription/~',
    ]) {
      assert.ok(isKnownFilterPath(path, []), path);
    }
  });

  it('a typo’d filter is refused SUB-508, as RingCentral refuses it', () => {
    assert.throws(
      () => validateFilters(['/restapi/v1.0/account/~/extension/~/presense'], owner, options),
      (e: { errorCode: string; message: string }) =>
        e.errorCode === 'SUB-508' && e.message.includes('presense'),
    );
  });

  it('the operator’s own namespaces accept any path below them, and nothing else is open', () => {
    assert.deepEqual(validateFilters(['/acme/orders/created?region=eu'], owner, options).filters, [
      '/acme/orders/created?region=eu',
    ]);
    assert.throws(() => validateFilters(['/other/orders'], owner, options), { errorCode: 'SUB-508' });
  });

  it('RingCentral’s bot sample body is accepted: team messaging filters and the 60/15 reminder', () => {
    const result = validateFilters(
      [
        '/restapi/v1.0/glip/posts',
        '/restapi/v1.0/glip/groups',
        '/restapi/v1.0/subscription/~?threshold=60&interval=15',
      ],
      owner,
      { ...options, ttlSeconds: 473040000 },
    );
    assert.deepEqual(result.reminder, { threshold: 60, interval: 15 });
  });
});

describe('own event namespaces end to end', () => {
  it('a configured namespace can be subscribed to and published to; an unconfigured one cannot', async () => {
    const { createHarness, call, createBody } = await import('../api/harness.js');
    const { TOKENS } = await import('../api/api-fixtures.js');
    const h = await createHarness({ config: { eventNamespaces: ['/acme/'] } });
    try {
      const created = await call(h, 'POST', '/restapi/v1.0/subscription', {
        token: TOKENS.user,
        body: createBody({ eventFilters: ['/acme/orders/created'] }),
      });
      assert.equal(created.status, 200, created.text);
      const published = await call(h, 'POST', '/v1/events', {
        token: TOKENS.publisher,
        body: { event: '/acme/orders/created', body: { order: 1 } },
      });
      assert.equal(published.status, 202, published.text);
      assert.equal(published.json.events[0].matched, 1);
      const elsewhere = await call(h, 'POST', '/v1/events', {
        token: TOKENS.publisher,
        body: { event: '/other/orders/created', body: {} },
      });
      assert.equal(elsewhere.status, 400);
      assert.equal(elsewhere.json.errorCode, 'CMN-101');
      const typo = await call(h, 'POST', '/restapi/v1.0/subscription', {
        token: TOKENS.user,
        body: createBody({ eventFilters: ['/restapi/v1.0/account/~/extension/~/presense'] }),
      });
      assert.equal(typo.status, 400);
      assert.equal(typo.json.errorCode, 'SUB-508');
    } finally {
      await h.close();
    }
  });
});
