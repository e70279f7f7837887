import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../src/errors.js';
import { validateFilters } from '../../src/filters/validate-filters.js';

const owner = { accountId: '1001', extensionId: '2001' };
/** An account admin's scope: the cases below are about syntax and limits, not permissions. */
const options = { ttlSeconds: 604800, maxFilters: 100, scope: 'account' as const };
const presence = '/restapi/v1.0/account/~/extension/~/presence';

function rejects(
  raw: unknown,
  expected: { errorCode: string; status: number; parameterName?: string },
  opts: Parameters<typeof validateFilters>[2] = options,
) {
  try {
    validateFilters(raw, owner, opts);
  } catch (error) {
    assert.ok(error instanceof ApiError, 'throws ApiError');
    assert.equal(error.errorCode, expected.errorCode);
    assert.equal(error.status, expected.status);
    assert.equal(error.parameterName, expected.parameterName ?? 'eventFilters');
    return error;
  }
  assert.fail(`expected ${expected.errorCode}`);
}

const reminder = (threshold: number | string, interval: number | string) =>
  `/restapi/v1.0/subscription/~?threshold=${threshold}&interval=${interval}`;

describe('validateFilters', () => {
  it('returns the filters with ~ expanded, in order, and no reminder', () => {
    const result = validateFilters(
      [`${presence}?detailedTelephonyState=true`, '/restapi/v1.0/account/~/extension/~/message-store'],
      owner,
      options,
    );
    assert.deepEqual(result, {
      filters: [
        '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true',
        '/restapi/v1.0/account/1001/extension/2001/message-store',
      ],
      reminder: null,
    });
  });

  it('accepts the create example of §3.1, reminder included and kept unexpanded', () => {
    const result = validateFilters(
      [
        `${presence}?detailedTelephonyState=true`,
        '/restapi/v1.0/account/~/extension/~/message-store',
        reminder(259200, 43200),
      ],
      owner,
      { ttlSeconds: 5000000, maxFilters: 100 },
    );
    assert.equal(result.filters[2], reminder(259200, 43200));
    assert.deepEqual(result.reminder, { threshold: 259200, interval: 43200 });
  });

  it('collapses duplicates after expansion, keeping the first spelling', () => {
    const result = validateFilters(
      [
        `${presence}?detailedTelephonyState=true`,
        '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true',
        ` ${presence}?detailedTelephonyState=true `,
        '/restapi/v1.0/account/~/extension/~/message-store?type=SMS&direction=Inbound',
        '/restapi/v1.0/account/1001/extension/~/message-store?direction=Inbound&type=SMS',
      ],
      owner,
      options,
    );
    assert.deepEqual(result.filters, [
      '/restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true',
      '/restapi/v1.0/account/1001/extension/2001/message-store?type=SMS&direction=Inbound',
    ]);
  });

  it("a user's scope (the default) refuses other extensions (SUB-405) and account-wide filters (CMN-408)", () => {
    const user = { ttlSeconds: 604800, maxFilters: 100 };
    rejects(
      ['/restapi/v1.0/account/1001/extension/3003/presence'],
      { errorCode: 'SUB-405', status: 403 },
      user,
    );
    rejects(['/restapi/v1.0/account/~/telephony/sessions'], { errorCode: 'CMN-408', status: 403 }, user);
    assert.equal(validateFilters([presence, '/team-messaging/v1/chats'], owner, user).filters.length, 2);
  });

  it('an account scope allows other extensions of the owner account (§6.1)', () => {
    assert.deepEqual(
      validateFilters(['/restapi/v1.0/account/1001/extension/3003/presence'], owner, options).filters,
      ['/restapi/v1.0/account/1001/extension/3003/presence'],
    );
  });

  describe('CMN-101 eventFilters', () => {
    for (const [name, raw] of [
      ['missing', undefined],
      ['null', null],
      ['a string', presence],
      ['an object', { 0: presence }],
      ['empty', []],
      ['a number inside', [presence, 7]],
      ['null inside', [null]],
      ['an empty string inside', ['']],
      ['a blank string inside', ['   ']],
    ] as const) {
      it(`when ${name}`, () => {
        rejects(raw, { errorCode: 'CMN-101', status: 400 });
      });
    }

    it('when over maxFilters, and says the limit; exactly maxFilters is fine', () => {
      const filters = Array.from(
        { length: 101 },
        (_, i) => `/restapi/v1.0/account/~/extension/${i}/presence`,
      );
      const error = rejects(filters, { errorCode: 'CMN-101', status: 400 });
      assert.match(error.message, /Parameter \[eventFilters\] value is invalid/);
      assert.match(error.message, /at most 100/);
      assert.equal(validateFilters(filters.slice(0, 100), owner, options).filters.length, 100);
      rejects(
        filters.slice(0, 3),
        { errorCode: 'CMN-101', status: 400 },
        { ttlSeconds: 604800, maxFilters: 2, scope: 'account' },
      );
    });
  });

  describe('SUB-508', () => {
    it('lists every malformed filter and says what is wrong with each', () => {
      const error = rejects(
        [presence, '/restapi/v1.0/account/~/../presence', 'presence', '/restapi/v1.0/account/~/presence?x'],
        { errorCode: 'SUB-508', status: 400 },
      );
      assert.match(
        error.message,
        /^Invalid event filters: \[\/restapi\/v1.0\/account\/~\/..\/presence, presence, /,
      );
      assert.match(error.message, /eventFilters\[1\] has a '\.\.' segment/);
      assert.match(error.message, /eventFilters\[2\] must start with '\/'/);
      assert.match(error.message, /eventFilters\[3\] parameter 'x' needs a value/);
      assert.doesNotMatch(error.message, /eventFilters\[0\]/);
    });

    it('shortens very long filters in the message', () => {
      const error = rejects([`/nope/${'a'.repeat(3000)}`], { errorCode: 'SUB-508', status: 400 });
      assert.ok(error.message.length < 400, `message length ${error.message.length}`);
    });

    it('refuses subscription paths other than the reminder', () => {
      for (const filter of [
        '/restapi/v1.0/subscription',
        '/restapi/v1.0/subscription/abc?threshold=60&interval=60',
      ]) {
        rejects([filter], { errorCode: 'SUB-508', status: 400 });
      }
    });
  });

  describe('SUB-406', () => {
    it('when an explicit account is not the owner account', () => {
      const error = rejects(['/restapi/v1.0/account/9999/extension/~/presence'], {
        errorCode: 'SUB-406',
        status: 403,
      });
      assert.equal(error.parameterValue, '/restapi/v1.0/account/9999/extension/2001/presence');
      rejects(['/restapi/v1.0/account/9999/telephony/sessions'], { errorCode: 'SUB-406', status: 403 });
    });

    it('but malformed filters are reported first', () => {
      rejects(['/restapi/v1.0/account/9999/presence', 'nope'], { errorCode: 'SUB-508', status: 400 });
    });
  });

  describe('SUB-516 reminder rules (T ≥ 15, T ≤ TTL/2, 15 ≤ I ≤ T/2)', () => {
    const ttl = { ttlSeconds: 1000, maxFilters: 100 };
    const accepts = (t: number | string, i: number | string) =>
      assert.deepEqual(validateFilters([reminder(t, i)], owner, ttl).reminder, {
        threshold: Number(t),
        interval: Number(i),
      });
    const refuses = (filter: string, opts = ttl) =>
      rejects([filter], { errorCode: 'SUB-516', status: 400 }, opts);

    it('accepts the boundaries', () => {
      accepts(500, 250); // T = TTL/2, I = T/2
      accepts(120, 60); // I = 60 = T/2
      accepts(500, 60);
      accepts(60, 15); // RingCentral's bot samples: threshold=60&interval=15
      accepts(30, 15); // I = 15 = T/2
    });

    it('refuses just past each boundary', () => {
      refuses(reminder(14, 7)); // T < 15
      refuses(reminder(501, 60)); // T > TTL/2
      refuses(reminder(500, 14)); // I < 15
      refuses(reminder(500, 251)); // I > T/2
      refuses(reminder(29, 15)); // I > T/2 when T < 30
      refuses(reminder(15, 15), { ttlSeconds: 29, maxFilters: 100 }); // T > TTL/2 at the smallest T
    });

    it('refuses non-integers, missing and unknown parameters', () => {
      refuses(reminder('120.5', 60));
      refuses(reminder(120, '6e1'));
      refuses(reminder('-120', 60));
      refuses('/restapi/v1.0/subscription/~?threshold=120');
      refuses('/restapi/v1.0/subscription/~?interval=60');
      refuses('/restapi/v1.0/subscription/~');
      refuses(`${reminder(120, 60)}&extra=1`);
    });

    it('refuses a second reminder filter, but not the same one twice', () => {
      rejects([reminder(120, 60), reminder(200, 60)], { errorCode: 'SUB-516', status: 400 }, ttl);
      assert.deepEqual(validateFilters([reminder(120, 60), reminder(120, 60)], owner, ttl).filters, [
        reminder(120, 60),
      ]);
    });

    it('names the failing rule and the filter', () => {
      const error = refuses(reminder(501, 60));
      assert.match(
        error.message,
        /^Invalid reminder parameters: threshold must be at most half the lifetime/,
      );
      assert.equal(error.parameterValue, reminder(501, 60));
    });
  });
});
