import assert from 'node:assert/strict';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { createNodeHandler } from '@switchboard/receiver/node';
import type { CheckMode, CheckResult } from '../../src/cli/check/check-result.js';
import { runChecks } from '../../src/cli/check/run-checks.js';
import { selfSignedCert } from '../http/support/self-signed-cert.js';
import { runCliInProcess } from './support/run-cli.js';

const TOKEN = 'vt-check';
/** Shorter than RingCentral's 3 s so the slow receiver is caught quickly; the rule is the same. */
const TIMEOUT_MS = 400;

/** A receiver that follows every rule: the receiver library's node adapter. */
const good = createNodeHandler({ verificationToken: TOKEN, onNotification: () => undefined });

/** Each receiver breaks one rule and otherwise behaves as `good` does. */
const BROKEN: Record<string, RequestListener> = {
  'slow echo': (req, res) => {
    if (req.headers['validation-token']) setTimeout(() => good(req, res), TIMEOUT_MS * 2).unref();
    else good(req, res);
  },
  'wrong echo': (req, res) => {
    if (req.headers['validation-token']) res.writeHead(200, { 'Validation-Token': 'not-the-token' }).end();
    else good(req, res);
  },
  '2 KB response': (req, res) => {
    if (req.headers['validation-token']) return good(req, res);
    req.resume();
    if (req.headers['verification-token'] !== TOKEN) return void res.writeHead(401).end();
    req.on('end', () => res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(2048)));
  },
  'ignores the Verification-Token': createNodeHandler({ onNotification: () => undefined }),
  redirects: (req, res) => {
    req.resume();
    res.writeHead(302, { location: 'http://127.0.0.1:1/elsewhere' }).end();
  },
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const protocol = 'cert' in server ? 'https' : 'http';
  return `${protocol}://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
}

function check(url: string, mode: CheckMode = 'switchboard', ca: string | null = null) {
  return runChecks({
    url: new URL(url),
    mode,
    verificationToken: TOKEN,
    signingSecret: null,
    ca,
    timeoutMs: TIMEOUT_MS,
  });
}

function only(results: CheckResult[], outcome: CheckResult['outcome']): string[] {
  return results.filter((r) => r.outcome === outcome).map((r) => r.rule);
}

describe('switchboard check: one broken rule at a time', () => {
  const servers: Server[] = [];
  const urls: Record<string, string> = {};

  before(async () => {
    for (const [name, handler] of Object.entries({ good, ...BROKEN })) {
      const server = createHttpServer(handler);
      servers.push(server);
      urls[name] = await listen(server);
    }
  });

  after(() => {
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  test('a receiver that follows the rules passes (http is only a warning outside --strict)', async () => {
    const report = await check(urls.good ?? '');
    assert.equal(report.passed, true, JSON.stringify(report.results, null, 2));
    assert.deepEqual(only(report.results, 'fail'), []);
    assert.deepEqual(only(report.results, 'warn'), ['tls']);
    assert.deepEqual(only(report.results, 'unverifiable'), ['duplicate.processed-once']);
    const strict = await check(urls.good ?? '', 'strict');
    assert.deepEqual(only(strict.results, 'fail'), ['tls'], 'RingCentral needs https');
  });

  test('slow echo: caught by the time rule', async () => {
    const report = await check(urls['slow echo'] ?? '');
    assert.equal(report.passed, false);
    assert.deepEqual(only(report.results, 'fail'), ['handshake.time']);
    const rule = report.results.find((r) => r.rule === 'handshake.time');
    assert.match(rule?.message ?? '', /no complete answer within 400 ms: RingCentral gives up after 0.4 s/);
  });

  test('wrong echo: caught by the echo rule', async () => {
    const report = await check(urls['wrong echo'] ?? '');
    assert.deepEqual(only(report.results, 'fail'), ['handshake.echo']);
    assert.match(
      report.results.find((r) => r.rule === 'handshake.echo')?.message ?? '',
      /a different Validation-Token echoed: echo the request's header, exactly/,
    );
  });

  test('2 KB response: a warning by Switchboard rules, a failure with --strict', async () => {
    const report = await check(urls['2 KB response'] ?? '');
    assert.equal(report.passed, true);
    assert.deepEqual(only(report.results, 'warn'), ['tls', 'notification.size']);
    assert.match(
      report.results.find((r) => r.rule === 'notification.size')?.message ?? '',
      /the answer is 2\d{3} bytes: Switchboard accepts it, RingCentral fails answers over 1024 bytes/,
    );
    const strict = await check(urls['2 KB response'] ?? '', 'strict');
    assert.deepEqual(only(strict.results, 'fail'), ['tls', 'notification.size']);
  });

  test('ignores the Verification-Token: caught by the token rule', async () => {
    const report = await check(urls['ignores the Verification-Token'] ?? '');
    assert.deepEqual(only(report.results, 'fail'), ['verification-token']);
    assert.match(
      report.results.find((r) => r.rule === 'verification-token')?.message ?? '',
      /a wrong Verification-Token was accepted \(200\)/,
    );
  });

  test('redirects: caught, with where it pointed', async () => {
    const report = await check(urls.redirects ?? '');
    assert.equal(report.passed, false);
    const redirect = report.results.find((r) => r.rule === 'redirects');
    assert.equal(redirect?.outcome, 'fail');
    assert.match(
      redirect?.message ?? '',
      /answered 302 → http:\/\/127\.0\.0\.1:1\/elsewhere: redirects are never followed/,
    );
  });

  test('the CLI: a text report, --json, exit 1 on a failure and 0 on a pass', async () => {
    const failed = await runCliInProcess(
      ['check', urls['wrong echo'] ?? '', '--verification-token', TOKEN, '--json'],
      {},
    );
    assert.equal(failed.code, 1);
    const report = JSON.parse(failed.stdout);
    assert.equal(report.passed, false);
    assert.equal(report.mode, 'switchboard');
    assert.ok(report.results.some((r: CheckResult) => r.rule === 'handshake.echo' && r.outcome === 'fail'));
    const passed = await runCliInProcess(['check', urls.good ?? '', '--verification-token', TOKEN], {});
    assert.equal(passed.code, 0, passed.stdout + passed.stderr);
    assert.match(passed.stdout, /✔ handshake\.echo +Validation-Token echoed exactly/);
    assert.match(passed.stdout, /\nPASS: \d+ passed, 0 failed, 1 warnings, 1 unverifiable\n/);
    const usage = await runCliInProcess(['check', 'not a url', '--json'], {});
    assert.equal(usage.code, 2);
    assert.equal(JSON.parse(usage.stderr).error.exitCode, 2);
  });
});

describe('switchboard check: TLS', () => {
  let server: Server;
  let url = '';
  let cert = '';

  before(async () => {
    const pair = await selfSignedCert('IP:127.0.0.1');
    cert = pair.cert;
    server = createHttpsServer({ key: pair.key, cert: pair.cert }, good);
    url = await listen(server);
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  test('a self-signed certificate fails the chain rule and the handshake', async () => {
    const report = await check(url);
    const chain = report.results.find((r) => r.rule === 'tls.chain');
    assert.equal(chain?.outcome, 'fail');
    assert.match(
      chain?.message ?? '',
      /^a self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\): RingCentral refuses/,
    );
    assert.equal(report.results.find((r) => r.rule === 'tls.version')?.outcome, 'pass');
    assert.match(
      report.results.find((r) => r.rule === 'handshake')?.message ?? '',
      /during the TLS handshake/,
    );
  });

  test('trusted through --ca, the same receiver passes everything', async () => {
    const report = await check(url, 'strict', cert);
    assert.deepEqual(only(report.results, 'fail'), [], JSON.stringify(report.results, null, 2));
  });
});
