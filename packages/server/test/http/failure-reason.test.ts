import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reasonForError, reasonForOversize, reasonForStatus } from '../../src/outbound/failure-reason.js';
import { AddressForbiddenError } from '../../src/outbound/url-guard.js';

const coded = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('failure reasons in RingCentral wording (§7.4)', () => {
  it('names the status and its standard reason phrase', () => {
    assert.equal(reasonForStatus(500), 'Webhook responses with code: [500], reason: [Internal Server Error]');
    assert.equal(reasonForStatus(404), 'Webhook responses with code: [404], reason: [Not Found]');
    assert.equal(reasonForStatus(302), 'Webhook responses with code: [302], reason: [Found]');
    assert.equal(reasonForStatus(599), 'Webhook responses with code: [599], reason: [Unknown]');
  });

  it('maps I/O errors', () => {
    const cases: Array<[unknown, string]> = [
      [new DOMException('deadline', 'TimeoutError'), 'Read timed out'],
      [coded('UND_ERR_HEADERS_TIMEOUT'), 'Read timed out'],
      [coded('UND_ERR_CONNECT_TIMEOUT'), 'Connect timed out'],
      [coded('ECONNREFUSED'), 'Connection refused'],
      [coded('ECONNRESET'), 'Connection reset'],
      [coded('ENOTFOUND'), 'Unknown host'],
      [coded('DEPTH_ZERO_SELF_SIGNED_CERT'), 'Certificate is not valid: DEPTH_ZERO_SELF_SIGNED_CERT'],
      [coded('ERR_TLS_CERT_ALTNAME_INVALID'), 'Certificate is not valid: ERR_TLS_CERT_ALTNAME_INVALID'],
      [coded('ERR_SSL_WRONG_VERSION_NUMBER'), 'TLS handshake failed: ERR_SSL_WRONG_VERSION_NUMBER'],
      [new Error('wrapped', { cause: coded('ECONNREFUSED') }), 'Connection refused'],
      [new Error('something\nodd  happened'), 'something odd happened'],
      ['not an error', 'Unknown error'],
    ];
    for (const [err, details] of cases) {
      assert.equal(reasonForError(err), `I/O operation is failed. Details: [${details}]`);
    }
  });

  it('names a refused address', () => {
    const reason = reasonForError(new AddressForbiddenError('evil.test', '10.0.0.1', 'private (RFC 1918)'));
    assert.equal(
      reason,
      'I/O operation is failed. Details: [evil.test resolves to 10.0.0.1, a private (RFC 1918) address; only public addresses are allowed]',
    );
  });

  it('words an oversized response as RingCentral does', () => {
    assert.equal(reasonForOversize(1024), 'Webhook response exceeds max size. Read bytes count: [1024]');
  });
});
