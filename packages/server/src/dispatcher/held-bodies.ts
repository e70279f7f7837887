import type { ClaimedDelivery } from '../store/store.js';

/**
 * One copy of each event body this node holds, however many of its deliveries are queued or in
 * flight here (docs/reliability.md "Memory bounded in bytes"): the bytes every attempt sends,
 * shared, counted once. A body is dropped when the last delivery holding it is done.
 *
 * @example
 * const bytes = bodies.acquire(claim.event.id, claim.event.bodyJson);
 * // … send [prefix, bytes, suffix] …
 * bodies.release(claim.event.id);
 */
export class HeldBodies {
  private readonly byEvent = new Map<string, { bytes: Buffer; holders: number }>();
  private heldBytes = 0;

  /** Bytes of all bodies held, each counted once. */
  get bytes(): number {
    return this.heldBytes;
  }

  /**
   * The shared bytes of an event's body; `bodyJson` is read only the first time (a claim returns
   * the text once per event, empty for its other rows).
   */
  acquire(eventId: string, bodyJson: string): Buffer {
    const held = this.byEvent.get(eventId);
    if (held) {
      held.holders += 1;
      return held.bytes;
    }
    const bytes = Buffer.from(bodyJson, 'utf8');
    this.byEvent.set(eventId, { bytes, holders: 1 });
    this.heldBytes += bytes.length;
    return bytes;
  }

  /** The shared bytes of a body held here (empty if none is: a caller's mistake, never a crash). */
  get(eventId: string): Buffer {
    return this.byEvent.get(eventId)?.bytes ?? Buffer.alloc(0);
  }

  release(eventId: string): void {
    const held = this.byEvent.get(eventId);
    if (!held) return;
    held.holders -= 1;
    if (held.holders > 0) return;
    this.byEvent.delete(eventId);
    this.heldBytes -= held.bytes.length;
  }
}

/** A claim without its body's text, once its bytes are held: the heap keeps no second copy. */
export function withoutBodyText(claim: ClaimedDelivery): ClaimedDelivery {
  return { ...claim, event: { id: claim.event.id, createdAt: claim.event.createdAt, bodyJson: '' } };
}
