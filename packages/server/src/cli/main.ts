#!/usr/bin/env node
// The `switchboard` command. bin/switchboard.js runs its compiled form, dist/cli/main.js; tests
// run this source through tsx.
import { processIo } from './cli-io.js';
import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2), processIo());
process.exitCode = code;
// Everything the command opened is closed by now; should a library keep a handle (an idle
// keep-alive socket, a log worker), do not let it hold the terminal.
setTimeout(() => process.exit(code), 1000).unref();
