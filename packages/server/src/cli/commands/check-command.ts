import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command } from 'commander';
import type { Outcome } from '../check/check-result.js';
import { type CheckReport, runChecks } from '../check/run-checks.js';
import { CliError, UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { action } from '../command-builder.js';
import { type CommandContext, type GlobalFlags, withExamples } from '../command-context.js';
import { EXIT } from '../exit-codes.js';
import type { Style } from '../output/style.js';

interface CheckFlags extends GlobalFlags {
  verificationToken?: string;
  signingSecret?: string;
  strict?: boolean;
  ca?: string;
}

/** RingCentral's limit for the handshake and each notification (docs/ringcentral-protocol.md §4.3). */
const TIMEOUT_MS = 3000;

/**
 * `switchboard check <url>`: a verdict on a receiver by RingCentral's rules, without a server
 * or a subscription: it sends the handshake and a few notifications itself. Exit 1 on any failure,
 * so it runs in CI.
 */
export function checkCommand(io: CliIo): Command {
  const command = new Command('check')
    .argument('<url>', "your receiver's webhook URL")
    .description(
      "Check a receiver against RingCentral's webhook rules: handshake, tokens, duplicates, sizes, TLS",
    )
    .option('--verification-token <token>', 'the Verification-Token your receiver expects')
    .option('--signing-secret <whsec>', 'sign each request (webhook-signature) with this secret')
    .option(
      '--strict',
      "RingCentral's delivery rules (no retries, answers of at most 1,024 bytes), not Switchboard's",
    )
    .option('--ca <file>', 'also trust this CA certificate (PEM) for https')
    .option('--json', 'print the report as JSON');
  command.action(action(io, (ctx: CommandContext<CheckFlags>, url: string) => runCheck(ctx, url)));
  return withExamples(
    command,
    [
      'switchboard check http://127.0.0.1:3000/webhook --verification-token my-token',
      'switchboard check https://hooks.example.com/ringcentral --strict',
      'switchboard check http://127.0.0.1:3000/webhook --json | jq \'.results[] | select(.outcome == "fail")\'',
    ],
    'It talks to the receiver only (no Switchboard server needed). Exit code 1 when any rule fails.',
  );
}

async function runCheck(ctx: CommandContext<CheckFlags>, raw: string): Promise<void> {
  if (!URL.canParse(raw))
    throw new UsageError(`"${raw}" is not a URL`, 'Give the full URL, e.g. http://127.0.0.1:3000/webhook.');
  const url = new URL(raw);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`"${raw}" must be an http:// or https:// URL`);
  const report = await runChecks({
    url,
    mode: ctx.flags.strict ? 'strict' : 'switchboard',
    verificationToken: ctx.flags.verificationToken ?? null,
    signingSecret: ctx.flags.signingSecret ?? null,
    ca: ctx.flags.ca ? await readCa(ctx, ctx.flags.ca) : null,
    timeoutMs: TIMEOUT_MS,
  });
  if (ctx.json) ctx.printJson(report);
  else ctx.print(reportText(report, ctx.style));
  if (!report.passed) throw new CheckFailedError(report);
}

/** Exit 1 without a second message: the report said it all. */
class CheckFailedError extends CliError {
  constructor(report: CheckReport) {
    super(`${report.results.filter((r) => r.outcome === 'fail').length} rule(s) failed`, EXIT.serverError);
  }
}

async function readCa(ctx: CommandContext, file: string): Promise<string> {
  try {
    return await readFile(resolve(ctx.io.cwd, file), 'utf8');
  } catch (err) {
    throw new UsageError(
      `cannot read --ca ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
}

const MARKS: Record<Outcome, string> = { pass: '✔', fail: '✘', warn: '!', unverifiable: '?', info: 'ℹ' };

function reportText(report: CheckReport, s: Style): string {
  const width = Math.max(...report.results.map((r) => r.rule.length));
  const color = (o: Outcome) =>
    o === 'pass' ? s.green : o === 'fail' ? s.red : o === 'warn' ? s.yellow : s.dim;
  const lines = report.results.map(
    (r) => `  ${color(r.outcome)(MARKS[r.outcome])} ${r.rule.padEnd(width)}  ${r.message}`,
  );
  const count = (o: Outcome) => report.results.filter((r) => r.outcome === o).length;
  const rules =
    report.mode === 'strict' ? "RingCentral's delivery rules (--strict)" : "Switchboard's delivery rules";
  return [
    `Checking ${report.url} by RingCentral's webhook rules, with ${rules}`,
    ...lines,
    '',
    `${report.passed ? s.green('PASS') : s.red('FAIL')}: ${count('pass')} passed, ${count('fail')} failed, ${count('warn')} warnings, ${count('unverifiable')} unverifiable`,
  ].join('\n');
}
