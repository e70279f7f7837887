#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError } from '../config.js';
import { serveCommand } from './serve-command.js';

const program = new Command('switchboard')
  .description('Switchboard: a self-hosted, RingCentral-compatible webhook server')
  .version('0.1.0')
  .addCommand(serveCommand());

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`switchboard: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`switchboard: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
