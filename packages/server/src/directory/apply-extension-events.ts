import type { AppContext } from '../context.js';
import type { EventRecord } from '../model.js';
import {
  type DirectoryExtension,
  defaultExtension,
  EXTENSION_STATUSES,
  type ExtensionStatus,
} from './directory-model.js';

const EXTENSION_PATH = /^\/restapi\/v1\.0\/account\/([^/?]+)\/extension\/([^/?]+)(?:\?.*)?$/;

/**
 * Extension events (`switchboard trigger extension-update|extension-delete`, or a publisher's own)
 * also change what "who am I" answers, as on RingCentral where the event follows the change:
 * `Delete` makes the extension answer 404; `Create` and `Update` take `name`, `extensionNumber`
 * and `status` from the body when it carries them.
 */
export async function applyExtensionEvents(
  ctx: Pick<AppContext, 'store' | 'clock'>,
  events: Pick<EventRecord, 'path' | 'bodyJson'>[],
): Promise<void> {
  for (const event of events) {
    const match = EXTENSION_PATH.exec(event.path);
    if (!match?.[1] || !match[2]) continue;
    const body = JSON.parse(event.bodyJson) as Record<string, unknown>;
    const changed = changedExtension(
      body,
      (await ctx.store.getExtension(match[1], match[2])) ??
        defaultExtension(match[1], match[2], ctx.clock.now()),
    );
    if (changed) await ctx.store.saveExtension({ ...changed, updatedAt: ctx.clock.now() });
  }
}

function changedExtension(
  body: Record<string, unknown>,
  current: DirectoryExtension,
): DirectoryExtension | null {
  if (body.eventType === 'Delete') return { ...current, status: 'Deleted' };
  if (body.eventType !== 'Update' && body.eventType !== 'Create') return null;
  const text = (key: string) =>
    typeof body[key] === 'string' && body[key] !== '' ? (body[key] as string) : undefined;
  const status = text('status');
  return {
    ...current,
    name: text('name') ?? current.name,
    extensionNumber: text('extensionNumber') ?? current.extensionNumber,
    status: isStatus(status) ? status : current.status === 'Deleted' ? 'Enabled' : current.status,
  };
}

function isStatus(value: string | undefined): value is ExtensionStatus {
  return (EXTENSION_STATUSES as readonly (string | undefined)[]).includes(value);
}
