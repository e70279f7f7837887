import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ApiError, ERROR_CATALOG, type ErrorCode } from '../../src/errors.js';

const doc = readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');
const rows = [...doc.matchAll(/^\| *`([A-Z]{3}-\d{3})` *\| *(\d{3}) *\|/gm)].map((m) => ({
  code: m[1] ?? '',
  status: Number(m[2]),
}));

test('docs/errors.md lists every error code with its HTTP status, and nothing else', () => {
  assert.deepEqual(rows.map((r) => r.code).sort(), Object.keys(ERROR_CATALOG).sort());
  for (const r of rows) assert.equal(r.status, ERROR_CATALOG[r.code as ErrorCode].status, r.code);
});

test('an ApiError renders the RingCentral shape with the top level mirroring errors[0]', () => {
  const body = new ApiError(
    'CMN-101',
    { parameter: 'expiresIn' },
    { parameterName: 'expiresIn', detail: 'must be >= 1' },
  ).toBody();
  assert.deepEqual(body, {
    errorCode: 'CMN-101',
    message: 'Parameter [expiresIn] value is invalid: must be >= 1',
    parameterName: 'expiresIn',
    errors: [
      {
        errorCode: 'CMN-101',
        message: 'Parameter [expiresIn] value is invalid: must be >= 1',
        parameterName: 'expiresIn',
      },
    ],
  });
});
