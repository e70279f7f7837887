import type { CliIo } from '../cli-io.js';
import type { SubscriptionInfo } from '../commands/api-types.js';
import { formatFields } from '../output/format-table.js';
import { clockTime, formatSeconds } from '../output/format-time.js';
import type { Style } from '../output/style.js';
import { exchangeJson, exchangeLines } from './exchange-lines.js';
import type { Exchange } from './local-receiver.js';

/** What `listen` tells the user, as text or (`--json`) as one object per line. */
export interface ListenReport {
  ready(info: SubscriptionInfo): void;
  exchange(x: Exchange): void;
  refused(code: string, message: string): void;
  renewed(info: SubscriptionInfo): void;
  recreated(info: SubscriptionInfo): void;
  renewFailed(error: Error, retryInMs: number): void;
  stopped(subscriptionId: string, error: Error | null): void;
  /** `--record`: where a notification was written, or why it could not be. */
  recorded(result: { file: string } | { error: Error }): void;
}

export interface ReportContext {
  io: CliIo;
  style: Style;
  serverUrl: string;
  verificationToken: string;
  forwardTo: URL | null;
}

export function listenReport(json: boolean, ctx: ReportContext): ListenReport {
  return json ? jsonReport(ctx) : textReport(ctx);
}

function jsonReport({ io, verificationToken, forwardTo }: ReportContext): ListenReport {
  const emit = (type: string, fields: Record<string, unknown>) =>
    io.stdout.write(`${JSON.stringify({ type, ...fields })}\n`);
  const ready = (info: SubscriptionInfo) =>
    emit('ready', {
      subscriptionId: info.id,
      address: info.deliveryMode.address,
      eventFilters: info.eventFilters,
      expirationTime: info.expirationTime,
      verificationToken,
      signingSecret: info.deliveryMode.signingSecret ?? null,
      forwardTo: forwardTo?.toString() ?? null,
    });
  return {
    ready,
    exchange: (x) => io.stdout.write(`${exchangeJson(x)}\n`),
    refused: (code, message) => emit('refused', { code, message }),
    renewed: (info) => emit('renewed', { subscriptionId: info.id, expirationTime: info.expirationTime }),
    recreated: ready,
    renewFailed: (error, retryInMs) => emit('renew-failed', { message: error.message, retryInMs }),
    recorded: (result) =>
      emit('recorded', 'file' in result ? { file: result.file } : { message: result.error.message }),
    stopped: (subscriptionId, error) =>
      emit('stopped', {
        subscriptionId,
        deleted: error === null,
        ...(error ? { message: error.message } : {}),
      }),
  };
}

function textReport(ctx: ReportContext): ListenReport {
  const s = ctx.style;
  const print = (text: string) => ctx.io.stdout.write(`${text}\n`);
  const line = (text: string) => print(`${s.dim(clockTime(new Date()))}  ${text}`);
  return {
    ready: (info) => print(readyBanner(ctx, info)),
    exchange: (x) => print(exchangeLines(x, s)),
    refused: (code, message) => line(s.yellow(`✘ refused a request (${code}): ${message}`)),
    renewed: (info) =>
      line(
        s.dim(`↻ renewed subscription ${info.id.slice(0, 8)}: expires in ${formatSeconds(info.expiresIn)}`),
      ),
    recreated: (info) => {
      line(
        s.yellow(
          `The subscription was gone (server restarted on a new database?): created ${info.id} again.`,
        ),
      );
      print(`${' '.repeat(14)}New signing secret: ${s.bold(info.deliveryMode.signingSecret ?? '?')}`);
    },
    recorded: (result) =>
      'file' in result
        ? print(`${' '.repeat(14)}${s.dim(`recorded ${result.file}`)}`)
        : line(s.yellow(`could not record the notification: ${result.error.message}`)),
    renewFailed: (error, retryInMs) =>
      line(
        s.yellow(
          `could not renew the subscription (${error.message}); trying again in ${Math.round(retryInMs / 1000)} s`,
        ),
      ),
    stopped: (id, error) =>
      line(
        error === null
          ? `Stopped: deleted subscription ${id}.`
          : s.yellow(
              `Stopped, but could not delete subscription ${id} (${error.message}); it expires by itself.`,
            ),
      ),
  };
}

function readyBanner(
  { style: s, serverUrl, verificationToken, forwardTo }: ReportContext,
  info: SubscriptionInfo,
): string {
  const fields: Array<[string, string]> = [
    ['subscription', `${info.id} (expires in ${formatSeconds(info.expiresIn)}, renewed while listening)`],
    ['receiver', info.deliveryMode.address],
    ...info.eventFilters.map((f, i): [string, string] => [i === 0 ? 'event filters' : '', f]),
    [
      'forwarding to',
      forwardTo
        ? s.bold(forwardTo.toString())
        : s.dim('nothing (add --forward-to <url> to forward to your app)'),
    ],
    ['verification token', `${s.bold(verificationToken)}  ${s.dim('(Verification-Token header)')}`],
    [
      'signing secret',
      `${s.bold(info.deliveryMode.signingSecret ?? '-')}  ${s.dim("(webhook-signature; your app's signingSecret)")}`,
    ],
  ];
  return [
    `${s.green('Ready!')} Listening for notifications from ${serverUrl} (handshake passed).`,
    formatFields(fields, s),
    s.dim(
      'Trigger events from another terminal: switchboard trigger --help. Ctrl-C stops and deletes the subscription.',
    ),
    '',
  ].join('\n');
}
