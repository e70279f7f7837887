import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { eventKind } from '@switchboard/receiver';
import type { Command } from 'commander';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand } from '../command-builder.js';
import type { CommandContext, GlobalFlags } from '../command-context.js';
import { ApiClient } from '../connection/api-client.js';
import { checkForwardTo } from '../listen/check-forward-to.js';
import { DEFAULT_LISTEN_FILTERS } from '../listen/default-filters.js';
import { type ListenReport, listenReport } from '../listen/listen-report.js';
import { ListenSession } from '../listen/listen-session.js';
import { LocalReceiver } from '../listen/local-receiver.js';
import { recordFixture } from '../listen/record-fixture.js';
import { collect, integer } from './option-parsers.js';

interface ListenFlags extends GlobalFlags {
  forwardTo?: string;
  filter?: string[];
  port?: number;
  verificationToken?: string;
  expiresIn: number;
  record?: string;
}

/** How long the app may take to answer a forwarded notification. */
const FORWARD_TIMEOUT_MS = 10_000;

/** `switchboard listen`: a subscription for a local receiver, with forwarding to your app. */
export function listenCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'listen',
    description:
      'Receive notifications locally: subscribe a receiver on 127.0.0.1, print each notification, and forward it to your app',
    options: (command) =>
      command
        .option(
          '--forward-to <url>',
          'forward each notification, headers and raw body unchanged, to this URL',
        )
        .option(
          '-f, --filter <filter>',
          'an event filter; repeat for several (default: the common ones, see below)',
          collect,
        )
        .option(
          '--port <port>',
          'port of the local receiver on 127.0.0.1 (default: any free port)',
          integer(0, 65535),
        )
        .option(
          '--verification-token <token>',
          'the Verification-Token to subscribe with (default: a random one)',
        )
        .option(
          '--record <dir>',
          'write each notification to <dir> as a fixture (headers and raw body, secrets redacted) for `trigger --fixture`',
        )
        .option(
          '--expires-in <seconds>',
          'subscription lifetime; renewed at half of it while listening',
          integer(1),
          3600,
        ),
    help: `\nDefault event filters (\`~\` is the token's account and extension):\n${DEFAULT_LISTEN_FILTERS.map((f) => `  ${f}`).join('\n')}`,
    examples: [
      'switchboard listen',
      'switchboard listen --forward-to http://127.0.0.1:3000/webhook',
      'switchboard listen --forward-to http://127.0.0.1:3000/webhook --verification-token my-secret',
      "switchboard listen --filter '/restapi/v1.0/account/~/telephony/sessions?statusCode=Answered'",
      'switchboard listen --json | jq .notification.body',
      'switchboard listen --record fixtures/      # then: switchboard trigger --fixture fixtures/<file>.json',
    ],
    note:
      'Your app gets the exact request Switchboard made (Verification-Token, webhook-* signature headers, raw\n' +
      "body); Switchboard gets your app's status, so failures show up and are retried. Ctrl-C deletes the\n" +
      'subscription.',
    // It prints each notification (as JSON lines with --json) while it runs.
    run: (ctx: CommandContext<ListenFlags>) => runListen(ctx),
  });
}

async function runListen(ctx: CommandContext<ListenFlags>): Promise<void> {
  const forwardTo = await checkForwardTo(ctx.flags.forwardTo);
  const port = ctx.flags.port ?? 0;
  const record = ctx.flags.record === undefined ? undefined : resolve(ctx.io.cwd, ctx.flags.record);
  const verificationToken = ctx.flags.verificationToken ?? `vt_${randomBytes(18).toString('base64url')}`;
  const { connection } = ctx.client();
  const report = listenReport(ctx.json, {
    io: ctx.io,
    style: ctx.style,
    serverUrl: connection.serverUrl,
    verificationToken,
    forwardTo,
  });
  let session: ListenSession | null = null;
  const receiver = new LocalReceiver({
    port,
    verificationToken,
    forwardTo,
    forwardTimeoutMs: FORWARD_TIMEOUT_MS,
    onExchange: (x) => {
      report.exchange(x);
      if (record !== undefined)
        recordFixture(record, x).then(
          (file) => report.recorded({ file }),
          (error: Error) => report.recorded({ error }),
        );
      if (eventKind(x.notification.event) === 'subscription-reminder') void session?.renew();
    },
    onRefused: (code, message) => report.refused(code, message),
  });
  const address = await receiver.start().catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot listen on 127.0.0.1:${port}: ${err.code ?? err.message}`);
  });
  // Renewal and the final delete must not be cut short by the Ctrl-C that ends listening.
  const client = new ApiClient(connection, new AbortController().signal);
  const filters = ctx.flags.filter ?? DEFAULT_LISTEN_FILTERS;
  session = new ListenSession(
    client,
    { filters, address, verificationToken, expiresIn: ctx.flags.expiresIn },
    report,
  );
  try {
    report.ready(await session.create());
    await aborted(ctx.io.signal);
    await stop(session, report);
  } finally {
    await receiver.close();
  }
}

/** Deletes the subscription (the current one: it may have been created again) and says so. */
async function stop(session: ListenSession, report: ListenReport): Promise<void> {
  const id = session.info?.id ?? '?';
  try {
    await session.delete();
    report.stopped(id, null);
  } catch (err) {
    report.stopped(id, err as Error);
  }
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
