import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseResponse } from '../../src/handshake/parse-response.js';

const parse = (text: string, eof = false) => parseResponse(Buffer.from(text, 'latin1'), eof);

describe('parseResponse', () => {
  it('reports the status as soon as the status line is in', () => {
    assert.deepEqual(parse('HTTP/1.1 302 Found\r\nLoca'), { kind: 'incomplete', status: 302, headers: null });
    assert.deepEqual(parse('HTTP/1.1 20'), { kind: 'incomplete', status: null, headers: null });
  });

  it('completes on Content-Length and measures the message in bytes', () => {
    const text = 'HTTP/1.1 200 OK\r\nValidation-Token: t\r\nContent-Length: 2\r\n\r\nok';
    assert.deepEqual(parse(text), {
      kind: 'complete',
      status: 200,
      headers: [
        ['Validation-Token', 't'],
        ['Content-Length', '2'],
      ],
      size: text.length,
    });
    assert.equal(parse(text.slice(0, -1)).kind, 'incomplete');
  });

  it('completes chunked bodies, with or without trailers', () => {
    const head = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n';
    assert.equal(parse(`${head}3\r\nabc\r\n0\r\n\r\n`).kind, 'complete');
    assert.equal(parse(`${head}3;ext=1\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n`).kind, 'complete');
    assert.equal(parse(`${head}3\r\nabc\r\n`).kind, 'incomplete');
    assert.equal(parse(`${head}zz\r\n`).kind, 'malformed');
    assert.equal(parse(`${head}2\r\nabc\r\n0\r\n\r\n`).kind, 'malformed');
  });

  it('completes an unframed body only at end of stream', () => {
    const text = 'HTTP/1.0 200 OK\r\nValidation-Token: t\r\n\r\n{}';
    assert.equal(parse(text).kind, 'incomplete');
    assert.deepEqual(parse(text, true), {
      kind: 'complete',
      status: 200,
      headers: [['Validation-Token', 't']],
      size: text.length,
    });
  });

  it('takes no body for 204 and 304, and accepts a status line without reason phrase', () => {
    assert.equal(parse('HTTP/1.1 204\r\n\r\n').kind, 'complete');
    assert.equal(parse('HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n').kind, 'complete');
  });

  it('rejects what is not HTTP/1.x', () => {
    for (const text of [
      'HTTP/2 200\r\n\r\n',
      '<html>',
      'HTTP/1.1 2000 OK\r\n\r\n',
      'HTTP/1.1 200 OK\r\nno colon here\r\n\r\n',
      'HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n',
      'HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n',
    ]) {
      assert.equal(parse(text).kind, 'malformed', JSON.stringify(text));
    }
  });
});
