import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { SUBSCRIPTION, TOKENS } from './api-fixtures.js';
import { call, createBody, createHarness, type Harness } from './harness.js';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(async () => h.close());

describe('validation as RingCentral does it', () => {
  it('accepts the body of RingCentral’s bot samples: team messaging filters, a 60/15 reminder, 15 years', async () => {
    const answer = await call(h, 'POST', SUBSCRIPTION, {
      token: TOKENS.user,
      body: createBody({
        eventFilters: [
          '/restapi/v1.0/glip/posts',
          '/restapi/v1.0/glip/groups',
          '/restapi/v1.0/account/~/extension/~',
          '/restapi/v1.0/subscription/~?threshold=60&interval=15',
        ],
        expiresIn: 473040000,
      }),
    });
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.json.expiresIn, 473040000);
  });

  it('refuses a reminder interval below 15 s with SUB-516', async () => {
    const answer = await call(h, 'POST', SUBSCRIPTION, {
      token: TOKENS.user,
      body: createBody({ eventFilters: ['/restapi/v1.0/subscription/~?threshold=60&interval=10'] }),
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.errorCode, 'SUB-516');
  });
});
