import { Command } from 'commander';
import type { CliIo } from './cli-io.js';
import { withExamples } from './command-context.js';
import { appsCommand } from './commands/apps-command.js';
import { credentialsCommand } from './commands/credentials-command.js';
import { dbCommand } from './commands/db-command.js';
import { deliveriesCommand } from './commands/deliveries-command.js';
import { envCommand } from './commands/env-command.js';
import { eventsCommand } from './commands/events-command.js';
import { listenCommand } from './commands/listen-command.js';
import { serveCommand } from './commands/serve-command.js';
import { subscriptionsCommand } from './commands/subscriptions-command.js';
import { tailCommand } from './commands/tail-command.js';
import { tokensCommand } from './commands/tokens-command.js';
import { triggerCommand } from './commands/trigger-command.js';

/** The `switchboard` command tree. */
export function createProgram(io: CliIo): Command {
  const program = new Command('switchboard')
    .description(
      'Switchboard: a self-hosted, RingCentral-compatible webhook server, and a local RingCentral webhook emulator',
    )
    .version('0.1.0')
    .addCommand(serveCommand(io))
    .addCommand(listenCommand(io))
    .addCommand(triggerCommand(io))
    .addCommand(subscriptionsCommand(io))
    .addCommand(eventsCommand(io))
    .addCommand(deliveriesCommand(io))
    .addCommand(tokensCommand(io))
    .addCommand(dbCommand(io))
    .addCommand(tailCommand(io))
    .addCommand(appsCommand(io))
    .addCommand(credentialsCommand(io))
    .addCommand(envCommand(io));
  return withExamples(
    program,
    [
      'switchboard serve                                   # start the server (terminal 1)',
      'switchboard listen --forward-to http://127.0.0.1:3000/webhook   # (terminal 2)',
      'switchboard trigger sms-inbound                     # (terminal 3)',
      'switchboard deliveries list',
    ],
    'The CLI finds a local server and its admin token by itself (./.switchboard); elsewhere use\n' +
      '--server/--token or SWITCHBOARD_URL/SWITCHBOARD_TOKEN. Exit codes: 0 ok, 1 server error,\n' +
      '2 usage or configuration, 3 server not reachable, 4 database corrupt. See docs/cli.md.',
  );
}
