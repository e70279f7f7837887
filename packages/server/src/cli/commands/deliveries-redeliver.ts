import type { Command } from 'commander';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { apiCommand } from '../command-builder.js';
import type { CommandContext } from '../command-context.js';
import type { DeliveryView } from './api-types.js';
import { type DeliveryFilterFlags, deliveryFilters, withDeliveryFilters } from './deliveries-list.js';
import { integer } from './option-parsers.js';

interface RedeliverFlags extends DeliveryFilterFlags {
  limit?: number;
}

/** The bulk redeliver's body: the filters, states and codes as lists, only what was given. */
function bulkBody(flags: RedeliverFlags): Record<string, unknown> {
  const filters = deliveryFilters(flags, Date.now());
  const state = flags.state ?? ['dead', 'expired'];
  if (state.some((s) => s !== 'dead' && s !== 'expired'))
    throw new UsageError('--state: only dead and expired deliveries are redelivered by filter');
  return {
    state,
    ...(filters.subscriptionId ? { subscriptionId: filters.subscriptionId } : {}),
    ...(filters.eventPath ? { eventPath: filters.eventPath } : {}),
    ...(filters.since ? { since: filters.since } : {}),
    ...(filters.until ? { until: filters.until } : {}),
    ...(flags.status ? { status: flags.status.map(Number) } : {}),
    ...(flags.limit ? { limit: flags.limit } : {}),
  };
}

/**
 * `switchboard deliveries redeliver`: by id (one request each), or by filter in one request to
 * `POST /v1/deliveries/redeliver`, which queues dead and expired deliveries again, at most 1000 a
 * call, and says how many.
 */
export function deliveriesRedeliverCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'redeliver',
    arguments: [
      ['[id...]', 'delivery ids; without ids, every dead or expired delivery matching the filters'],
    ],
    description: 'Send deliveries again now, with the same notification uuid (dead and expired ones too)',
    options: (command) =>
      withDeliveryFilters(command).option(
        '--limit <n>',
        'by filter: at most this many (1-1000, default 1000)',
        integer(1, 1000),
      ),
    examples: [
      'switchboard deliveries redeliver 9b1e…',
      'switchboard deliveries redeliver --state dead --since 2h',
      'switchboard deliveries redeliver --subscription 0c3f9a1e-… --status 503',
    ],
    // By id it prints each delivery as it is queued (and returns nothing for the builder to print).
    run: async (ctx: CommandContext<RedeliverFlags>, ids: string[]) => {
      if (ids.length > 0) return redeliverByIds(ctx, ids);
      return ctx
        .client()
        .post<{ requeued: number; more: boolean }>('/v1/deliveries/redeliver', bulkBody(ctx.flags));
    },
    text: (ctx, answer) => {
      if (!answer) return;
      ctx.print(
        `${ctx.style.green('Requeued')} ${answer.requeued} deliver${answer.requeued === 1 ? 'y' : 'ies'}`,
      );
      if (answer.more) ctx.note(ctx.errStyle.dim('The limit was reached: run it again for the rest.'));
    },
  });
}

async function redeliverByIds(ctx: CommandContext<RedeliverFlags>, ids: string[]): Promise<void> {
  const queued: DeliveryView[] = [];
  for (const id of ids) {
    const { delivery } = await ctx
      .client()
      .post<{ delivery: DeliveryView }>(`/v1/deliveries/${encodeURIComponent(id)}/redeliver`);
    queued.push(delivery);
    if (!ctx.json)
      ctx.print(`${ctx.style.green('Queued')} delivery ${delivery.id} again (uuid ${delivery.uuid})`);
  }
  if (ctx.json) ctx.printJson({ records: queued });
}
