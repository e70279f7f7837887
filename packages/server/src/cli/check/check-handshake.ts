import { randomUUID } from 'node:crypto';
import { MAX_RESPONSE_BYTES } from '@switchboard/receiver';
import type { CheckOptions, CheckResult } from './check-result.js';
import { headerOf, type RawAnswer, sendRawRequest } from './send-raw-request.js';

/**
 * The handshake rules (ringcentral-protocol.md §4, docs/decisions.md "Handshake"): answered 200,
 * the fresh Validation-Token echoed exactly, at most 1,024 bytes in all, within 3 s, no redirect.
 * One line per rule, so a receiver that breaks two learns both. `reachable` is false when nothing
 * answered at all: the notification rules would only say so again.
 */
export async function checkHandshake(
  options: CheckOptions,
): Promise<{ results: CheckResult[]; reachable: boolean }> {
  const validationToken = randomUUID();
  const answer = await sendRawRequest({
    url: options.url,
    headers: [
      ['Content-Type', 'application/json'],
      ['Validation-Token', validationToken],
      ...(options.verificationToken !== null
        ? [['Verification-Token', options.verificationToken] as [string, string]]
        : []),
    ],
    body: '',
    signingSecret: options.signingSecret,
    timeoutMs: options.timeoutMs,
    ca: options.ca,
  });
  if (answer.status === null) {
    const timedOut = answer.failure?.startsWith('no complete answer') === true;
    return {
      reachable: timedOut,
      results: [
        {
          rule: timedOut ? 'handshake.time' : 'handshake',
          outcome: 'fail',
          message: timedOut
            ? `${answer.failure}: RingCentral gives up after ${options.timeoutMs / 1000} s (SUB-521); answer the handshake at once, before any slow work`
            : `no answer (${answer.failure}${answer.phase === 'tls' ? ', during the TLS handshake' : ''})`,
        },
      ],
    };
  }
  return { reachable: true, results: handshakeRules(answer, validationToken, options) };
}

function handshakeRules(answer: RawAnswer, token: string, options: CheckOptions): CheckResult[] {
  const status = answer.status ?? 0;
  const results: CheckResult[] = [];
  if (status >= 300 && status < 400) {
    const location = headerOf(answer, 'location');
    results.push({
      rule: 'redirects',
      outcome: 'fail',
      message: `the handshake answered ${status}${location ? ` → ${location}` : ''}: redirects are never followed; subscribe the final URL`,
    });
  }
  results.push(
    status === 200
      ? { rule: 'handshake.status', outcome: 'pass', message: `answered 200 (${answer.elapsedMs} ms)` }
      : {
          rule: 'handshake.status',
          outcome: 'fail',
          message: `answered ${status}; the handshake needs 200 (SUB-521)${status === 401 || status === 403 ? ': it refused; does it check a token the handshake does not carry?' : ''}`,
        },
  );
  const echoed = answer.headers.filter(([name]) => name.toLowerCase() === 'validation-token');
  results.push(
    echoed.length === 1 && echoed[0]?.[1] === token
      ? { rule: 'handshake.echo', outcome: 'pass', message: 'Validation-Token echoed exactly' }
      : {
          rule: 'handshake.echo',
          outcome: 'fail',
          message: `${echoed.length === 0 ? 'no Validation-Token header in the answer' : echoed.length > 1 ? `${echoed.length} Validation-Token headers` : 'a different Validation-Token echoed'}: echo the request's header, exactly, every time (SUB-520)`,
        },
  );
  const size = answer.overLimit ? `more than ${answer.size - 1} bytes` : `${answer.size} bytes`;
  results.push(
    !answer.overLimit && answer.size <= MAX_RESPONSE_BYTES
      ? { rule: 'handshake.size', outcome: 'pass', message: `${size} in all` }
      : {
          rule: 'handshake.size',
          outcome: 'fail',
          message: `the answer is ${size} (status line, headers and body): at most ${MAX_RESPONSE_BYTES} (SUB-525); answer with an empty body`,
        },
  );
  results.push(
    answer.failure === null
      ? {
          rule: 'handshake.time',
          outcome: 'pass',
          message: `${answer.elapsedMs} ms, within ${options.timeoutMs / 1000} s`,
        }
      : { rule: 'handshake.time', outcome: 'fail', message: `${answer.failure} (SUB-521)` },
  );
  return results;
}
