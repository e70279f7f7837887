import { html } from 'htm/preact';

export interface RateBucket {
  start: number;
  attempts: number;
  failures: number;
}

const WIDTH = 600;
const HEIGHT = 120;

/**
 * Attempts per minute over the last hour as bars, failures stacked in red: plain SVG, sixty
 * rectangles, no chart library (docs/decisions.md "Dashboard"). The table beside it is the same
 * data for screen readers.
 */
export function RateChart({ buckets }: { buckets: RateBucket[] }) {
  const max = Math.max(1, ...buckets.map((b) => b.attempts));
  const slot = WIDTH / Math.max(1, buckets.length);
  const total = buckets.reduce((n, b) => n + b.attempts, 0);
  const failures = buckets.reduce((n, b) => n + b.failures, 0);
  const last = buckets.at(-1);
  const perSecond = last ? (last.attempts / 60).toFixed(2) : '0';
  return html`<figure class="chart">
    <svg viewBox=${`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label=${`Deliveries per minute, last hour: ${total} attempts, ${failures} failures`} preserveAspectRatio="none">
      ${buckets.map((b, i) => {
        const ok = ((b.attempts - b.failures) / max) * (HEIGHT - 4);
        const bad = (b.failures / max) * (HEIGHT - 4);
        return html`<g key=${b.start}>
          <rect class="bar-ok" x=${i * slot + 1} y=${HEIGHT - ok} width=${slot - 2} height=${ok}></rect>
          <rect class="bar-failed" x=${i * slot + 1} y=${HEIGHT - ok - bad} width=${slot - 2} height=${bad}></rect>
        </g>`;
      })}
    </svg>
    <div class="chart-axis" aria-hidden="true"><span>60 min ago</span><span>now</span></div>
    <figcaption>
      <span><span class="key key-ok"></span> delivered</span>
      <span><span class="key key-failed"></span> failed</span>
      <span>${total} attempts, ${failures} failed in the last hour · ${perSecond}/s in the last minute</span>
    </figcaption>
  </figure>`;
}
