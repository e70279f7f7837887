import { clockTime } from '../output/format-time.js';
import type { Style } from '../output/style.js';
import { statusLine } from './forward-request.js';
import type { Exchange } from './local-receiver.js';
import { kindLabel, summariseNotification } from './summarise-notification.js';

/** Switchboard's default delivery timeout: an app slower than this is retried even if it said 200. */
export const SWITCHBOARD_TIMEOUT_MS = 3000;
const KIND_WIDTH = 19;
const INDENT = ' '.repeat(14);

/**
 * How `listen` shows one notification, two lines:
 *
 *     14:03:07.120  presence             2001 Busy · CallConnected · 1 active call · seq 6.3e7  → 200 OK (4 ms)
 *                   /restapi/v1.0/account/1001/extension/2001/presence?detailedTelephonyState=true · sub 0c3f9a1e
 */
export function exchangeLines(x: Exchange, style: Style): string {
  const n = x.notification;
  const first = `${style.dim(clockTime(x.receivedAt))}  ${style.cyan(kindLabel(n.event).padEnd(KIND_WIDTH))}  ${summariseNotification(n)}${forwardText(x, style)}`;
  const second = `${INDENT}${style.dim(`${n.event} · sub ${n.subscriptionId.slice(0, 8)} · uuid ${n.uuid.slice(0, 8)}`)}`;
  return `${first}\n${second}`;
}

function forwardText(x: Exchange, style: Style): string {
  const f = x.forward;
  if (!f) return '';
  if (f.status === null)
    return `  ${style.red(`→ failed: ${f.error ?? 'no answer'} (${f.latencyMs} ms), answered ${x.answered}`)}`;
  const ok = f.status >= 200 && f.status < 300;
  const text = `→ ${statusLine(f.status)} (${f.latencyMs} ms)`;
  const slow =
    f.latencyMs > SWITCHBOARD_TIMEOUT_MS
      ? style.yellow(
          ` slower than Switchboard's ${SWITCHBOARD_TIMEOUT_MS / 1000} s timeout: it counts as failed and is retried`,
        )
      : '';
  return `  ${ok ? style.green(text) : style.red(text)}${slow}`;
}

/** One JSON object per line for `listen --json`. */
export function exchangeJson(x: Exchange): string {
  return JSON.stringify({
    type: 'notification',
    receivedAt: x.receivedAt.toISOString(),
    notification: x.raw,
    forward: x.forward,
    answered: x.answered,
  });
}
