import type { Style } from '../output/style.js';
import type { SseEvent } from './sse-parser.js';

interface StreamData {
  time?: string;
  subscriptionId?: string;
  deliveryId?: string;
  attempt?: { attemptNo: number; status: number | null; latencyMs: number; error: string | null };
  reason?: string;
}

/** One line per stream event, like `stripe logs tail`: time, what, subscription, outcome. */
export function describeStreamEvent(event: SseEvent, style: Style): string {
  let data: StreamData = {};
  try {
    data = JSON.parse(event.data) as StreamData;
  } catch {
    return `${event.event} ${event.data}`;
  }
  const time = style.dim((data.time ?? '').slice(11, 23));
  const subscription = data.subscriptionId ? style.dim(`sub ${data.subscriptionId}`) : '';
  const delivery = data.deliveryId ? `delivery ${data.deliveryId}` : '';
  const a = data.attempt;
  if (event.event === 'delivery.attempted' && a) {
    const ok = a.status !== null && a.status >= 200 && a.status < 300;
    const status =
      a.status === null ? style.red('---') : ok ? style.green(String(a.status)) : style.red(String(a.status));
    const detail = `#${a.attemptNo} ${Math.round(a.latencyMs)} ms${a.error ? ` ${a.error}` : ''}`;
    return [time, status, delivery, detail, subscription].filter(Boolean).join('  ');
  }
  if (event.event === 'delivery.dead') return [time, style.red('DEAD'), delivery, subscription].join('  ');
  if (event.event === 'stream.reset')
    return `${style.yellow('Missed events')} while disconnected: see \`switchboard deliveries list\``;
  const what = event.event.replace('subscription.', '');
  return [time, style.bold(what), subscription, data.reason ?? ''].filter(Boolean).join('  ');
}
