import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import { ServerMetrics } from '../../src/observability/metrics.js';
import { ServerEvents } from '../../src/server-events.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const dashboard = JSON.parse(
  readFileSync(new URL('../../../../docs/grafana-dashboard.json', import.meta.url), 'utf8'),
) as { panels: Array<{ title: string; targets: Array<{ expr: string }> }> };

/** Identifiers in a PromQL expression that are not functions, keywords, label names or values. */
function metricNames(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"[^"]*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '');
  const withoutGrouping = withoutStrings.replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  return [...withoutGrouping.matchAll(/\b([a-zA-Z_:][\w:]*)\b(?!\s*\()/g)]
    .map((m) => m[1] ?? '')
    .filter((name) => !/^\d/.test(name) && !['e', 'and', 'or', 'unless', 'bool', 'offset'].includes(name));
}

test('every query of docs/grafana-dashboard.json names metrics the server exports', async () => {
  const store = createSqliteStore({ filename: ':memory:' });
  await store.migrate();
  const metrics = new ServerMetrics({ events: new ServerEvents(), store, clock: new ManualClock() });
  const exported = new Set<string>();
  for (const metric of await metrics.registry.getMetricsAsJSON()) {
    exported.add(metric.name);
    if (String(metric.type) === 'histogram')
      for (const suffix of ['_bucket', '_sum', '_count']) exported.add(metric.name + suffix);
  }
  metrics.close();
  await store.close();

  assert.ok(dashboard.panels.length >= 10);
  for (const panel of dashboard.panels) {
    assert.ok(panel.targets.length > 0, `${panel.title} has a query`);
    for (const { expr } of panel.targets) {
      const names = metricNames(expr);
      assert.ok(names.length > 0, `${panel.title}: ${expr} names no metric`);
      for (const name of names) assert.ok(exported.has(name), `${panel.title}: ${name} is not exported`);
    }
  }
});
