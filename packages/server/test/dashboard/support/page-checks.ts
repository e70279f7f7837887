import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** Where every page's screenshot goes (gitignored): CI keeps them as the run's artefacts. */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../../test-artifacts/dashboard');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Collects what a person would call "the page is broken": console errors (CSP refusals are
 * console errors too), uncaught exceptions, requests that failed and answers of 400 or more.
 * `expect(pattern)` excuses the one a test provokes on purpose (a foreign id's 404).
 */
export function watchPage(page: Page) {
  const problems: string[] = [];
  const excused: RegExp[] = [];
  const excusedText = (text: string) => excused.some((pattern) => pattern.test(text));
  page.on('console', (message) => {
    if (message.type() === 'error' && !excusedText(`${message.text()} ${message.location().url}`))
      problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // net::ERR_ABORTED is the browser cancelling a request itself (the page left, a view replaced
    // before its list loaded, the live stream closed): no fault of the server or the page. Every
    // other failure, and every answer of 400 or more (below), is.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !excusedText(response.url()))
      problems.push(`HTTP ${response.status()}: ${response.request().method()} ${response.url()}`);
  });
  return {
    problems,
    expect(pattern: RegExp) {
      excused.push(pattern);
    },
    /** Takes the problems seen so far, leaving none. */
    take(): string[] {
      return problems.splice(0);
    },
  };
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe and document are the page's globals (no DOM types here)
    const page = globalThis as any;
    const axe = page.axe;
    const result = await axe.run(page.document, { resultTypes: ['violations'] });
    return result.violations.map(
      (v: { id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3),
      }),
    );
  });
  return violations
    .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v: { id: string; impact: string; help: string; targets: string[] }) =>
        `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`,
    );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
}
