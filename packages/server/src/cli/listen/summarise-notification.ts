import { eventKind, isEvent, type Notification } from '@switchboard/receiver';

const MAX = 90;

/**
 * One line saying what a notification is about, from its typed body (the receiver package's
 * `isEvent`): who, what state, which numbers, and `sequence` where there is one.
 *
 * @example
 * summariseNotification(presenceNotification); // '2001 Busy · CallConnected · 1 active call · seq 2698'
 */
export function summariseNotification(n: Notification): string {
  // The body is whatever the publisher sent: `isEvent` looks at the path only, so a message-store
  // event without `changes` (or any other surprise) must still print, as its raw JSON.
  try {
    return clip(summary(n));
  } catch {
    return clip(rawBody(n.body));
  }
}

function rawBody(body: unknown): string {
  return JSON.stringify(body) ?? String(body);
}

function summary(n: Notification): string {
  if (isEvent(n, 'presence')) {
    const b = n.body;
    const calls = b.activeCalls
      ? `${b.activeCalls.length} active call${b.activeCalls.length === 1 ? '' : 's'}`
      : '';
    return join([
      `${b.extensionId} ${b.presenceStatus ?? ''}`.trim(),
      b.telephonyStatus,
      calls,
      seq(b.sequence),
    ]);
  }
  if (isEvent(n, 'message-store')) {
    return n.body.changes
      .map((c) => `${c.type} +${c.newCount ?? 0} new${c.updatedCount ? `, ${c.updatedCount} updated` : ''}`)
      .join(', ');
  }
  if (isEvent(n, 'instant-message')) {
    const b = n.body;
    const to = b.to.map((p) => p.phoneNumber ?? p.extensionNumber ?? '?').join(', ');
    return join([
      `${b.type} ${b.direction}`,
      `${b.from.phoneNumber ?? '?'} → ${to}`,
      b.subject ? `"${b.subject}"` : '',
    ]);
  }
  if (isEvent(n, 'telephony-session')) {
    const b = n.body;
    const party = b.parties[0];
    const who = party
      ? `${party.direction} ${party.from?.phoneNumber ?? '?'} → ${party.to?.phoneNumber ?? '?'}`
      : '';
    return join([
      party?.status.code ?? '',
      who,
      seq(b.sequence),
      `session ${b.telephonySessionId.slice(0, 10)}`,
    ]);
  }
  if (isEvent(n, 'extension')) {
    const b = n.body;
    return `extension ${b.extensionId} ${b.eventType}${b.hints?.length ? ` (${b.hints.join(', ')})` : ''}`;
  }
  if (isEvent(n, 'extension-list')) {
    return n.body.extensions.map((e) => `${e.extensionId} ${e.eventType}`).join(', ');
  }
  if (isEvent(n, 'subscription-reminder')) return `expires in ${n.body.expiresIn} s: renewing`;
  if (isEvent(n, 'team-messaging-post')) {
    const b = n.body;
    return join([`${b.eventType}${b.groupId ? ` in group ${b.groupId}` : ''}`, b.text ? `"${b.text}"` : '']);
  }
  if (isEvent(n, 'team-messaging-group'))
    return join([n.body.eventType, `group ${n.body.id}`, n.body.name ?? '']);
  return rawBody(n.body);
}

function seq(sequence: number | undefined): string {
  return sequence === undefined ? '' : `seq ${sequence}`;
}

function join(parts: Array<string | undefined>): string {
  return parts.filter((p) => p !== undefined && p !== '').join(' · ');
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ');
  return line.length > MAX ? `${line.slice(0, MAX - 1)}…` : line;
}

/** The kind column: the receiver's event kind, or the path's last segment for unknown events. */
export function kindLabel(event: string): string {
  const kind = eventKind(event);
  if (kind !== 'unknown') return kind;
  return event.split('?')[0]?.split('/').filter(Boolean).at(-1) ?? 'event';
}
