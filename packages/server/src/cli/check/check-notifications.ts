import { randomUUID } from 'node:crypto';
import { MAX_RESPONSE_BYTES } from '@switchboard/receiver';
import { presence } from '../trigger/payloads/presence.js';
import type { CheckMode, CheckOptions, CheckResult } from './check-result.js';
import { headerOf, type RawAnswer, sendRawRequest } from './send-raw-request.js';

const ACCOUNT = '1001';
const EXTENSION = '2001';

/**
 * The notification rules: a notification with the right Verification-Token answered 2xx, in
 * time, small; one with a wrong token refused; a duplicate `uuid` answered 2xx; a renewal
 * reminder handled; what a 410 means. `--strict` judges by RingCentral's delivery rules (no
 * retries, 1,024-byte answers), otherwise by Switchboard's.
 */
export async function checkNotifications(options: CheckOptions): Promise<CheckResult[]> {
  const send = (envelope: object, token: string | null) => deliver(options, envelope, token);
  const first = notification(`/restapi/v1.0/account/${ACCOUNT}/extension/${EXTENSION}/presence`);
  const results: CheckResult[] = [];
  const good = await send(first, options.verificationToken);
  results.push(...acceptedRules('notification', good, options));

  if (options.verificationToken === null) {
    results.push({
      rule: 'verification-token',
      outcome: 'unverifiable',
      message:
        'give --verification-token <the token your receiver expects> to check that a wrong one is refused',
    });
  } else {
    const wrong = await send(notification(first.event), `${options.verificationToken}-not-it`);
    results.push(
      wrong.status !== null && isSuccess(wrong.status)
        ? {
            rule: 'verification-token',
            outcome: 'fail',
            message: `a wrong Verification-Token was accepted (${wrong.status}): anyone who finds the URL can post to it; compare the header with your token and answer 401`,
          }
        : {
            rule: 'verification-token',
            outcome: 'pass',
            message: `a wrong Verification-Token was refused (${wrong.status ?? wrong.failure})`,
          },
    );
  }

  const again = await send(first, options.verificationToken);
  results.push(
    again.status !== null && isSuccess(again.status)
      ? { rule: 'duplicate', outcome: 'pass', message: `the same uuid again was answered ${again.status}` }
      : {
          rule: 'duplicate',
          outcome: 'fail',
          message: `the same uuid again was answered ${again.status ?? again.failure}: a resend after a lost answer must get 2xx too (dedupe on uuid, then answer 200)`,
        },
    {
      rule: 'duplicate.processed-once',
      outcome: 'unverifiable',
      message:
        'from outside, a duplicate dropped and one processed twice look alike: dedupe on uuid (the receiver library does)',
    },
  );

  const reminder = await send(
    { ...notification('/restapi/v1.0/subscription/~?threshold=300&interval=60'), body: { expiresIn: 299 } },
    options.verificationToken,
  );
  results.push(
    // Its size and time were judged on the first notification already; a failure still shows.
    ...acceptedRules('reminder', reminder, options).filter(
      (r) => r.rule !== 'reminder.size' && !(r.rule === 'reminder.time' && r.outcome === 'pass'),
    ),
  );
  results.push(goneRule([good, again, reminder]));
  return results;
}

function notification(event: string) {
  const body = presence({
    accountId: ACCOUNT,
    extensionId: EXTENSION,
    direction: 'Inbound',
    from: '+16505550123',
    to: '+16505550100',
    text: undefined,
    now: Date.now(),
    n: 0,
  })[0]?.body;
  return {
    uuid: randomUUID(),
    event,
    timestamp: new Date().toISOString(),
    subscriptionId: randomUUID(),
    ownerId: EXTENSION,
    body,
  };
}

function deliver(options: CheckOptions, envelope: object, token: string | null): Promise<RawAnswer> {
  return sendRawRequest({
    url: options.url,
    headers: [
      ['Content-Type', 'application/json; charset=UTF-8'],
      ['Accept', 'application/json'],
      ...(token !== null ? [['Verification-Token', token] as [string, string]] : []),
    ],
    body: JSON.stringify(envelope),
    signingSecret: options.signingSecret,
    timeoutMs: options.timeoutMs,
    ca: options.ca,
  });
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** What a failed delivery costs, by whose rules. */
function consequence(mode: CheckMode): string {
  return mode === 'strict'
    ? 'RingCentral does not retry: the notification is lost'
    : 'Switchboard retries it, and blacklists the subscription after 10 minutes of failures';
}

function acceptedRules(prefix: string, answer: RawAnswer, options: CheckOptions): CheckResult[] {
  const rule = `${prefix}.accepted`;
  if (answer.status === null || answer.failure !== null) {
    return [
      {
        rule: `${prefix}.time`,
        outcome: 'fail',
        message: `${answer.failure ?? 'no answer'}: ${consequence(options.mode)}`,
      },
    ];
  }
  const status = answer.status;
  const results: CheckResult[] = [];
  if (isSuccess(status)) {
    results.push({ rule, outcome: 'pass', message: `answered ${status} (${answer.elapsedMs} ms)` });
  } else if (status >= 300 && status < 400) {
    const location = headerOf(answer, 'location');
    results.push({
      rule: 'redirects',
      outcome: 'fail',
      message: `answered ${status}${location ? ` → ${location}` : ''}: redirects are never followed; ${consequence(options.mode)}`,
    });
  } else if (status === 410) {
    results.push({
      rule,
      outcome: 'fail',
      message: 'answered 410 Gone: the subscription is blacklisted at once and nothing more is sent',
    });
  } else {
    results.push({ rule, outcome: 'fail', message: `answered ${status}: ${consequence(options.mode)}` });
  }
  results.push({
    rule: `${prefix}.time`,
    outcome: 'pass',
    message: `${answer.elapsedMs} ms, within ${options.timeoutMs / 1000} s`,
  });
  const small = !answer.overLimit && answer.size <= MAX_RESPONSE_BYTES;
  const size = answer.overLimit ? `more than ${answer.size - 1} bytes` : `${answer.size} bytes`;
  results.push(
    small
      ? { rule: `${prefix}.size`, outcome: 'pass', message: `${size} in all` }
      : options.mode === 'strict'
        ? {
            rule: `${prefix}.size`,
            outcome: 'fail',
            message: `the answer is ${size}: RingCentral fails answers over ${MAX_RESPONSE_BYTES} bytes; answer with an empty body`,
          }
        : {
            rule: `${prefix}.size`,
            outcome: 'warn',
            message: `the answer is ${size}: Switchboard accepts it, RingCentral fails answers over ${MAX_RESPONSE_BYTES} bytes (--strict)`,
          },
  );
  return results;
}

function goneRule(answers: RawAnswer[]): CheckResult {
  if (answers.some((a) => a.status === 410))
    return {
      rule: 'gone',
      outcome: 'fail',
      message:
        'it answers 410 Gone: that ends the subscription at once, with no probes; answer 410 only to unsubscribe',
    };
  return {
    rule: 'gone',
    outcome: 'info',
    message:
      'a 410 Gone answer ends the subscription at once (blacklisted, never probed): use it only to unsubscribe',
  };
}
