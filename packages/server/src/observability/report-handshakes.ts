import type { Handshake } from '../context.js';
import type { ServerEvents } from '../server-events.js';

/**
 * Wraps the handshake so every one of them, whoever starts it (create, update, renew, the probe
 * of a blacklisted subscription), is reported once as `handshake:completed`.
 */
export function reportHandshakes(handshake: Handshake, events: ServerEvents): Handshake {
  return async (target) => {
    const result = await handshake(target);
    events.emit('handshake:completed', {
      ok: result.ok,
      code: result.ok ? null : result.code,
      latencyMs: result.latencyMs,
    });
    return result;
  };
}
