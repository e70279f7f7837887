import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createHarness, type Harness } from '../api/harness.js';
import { chromiumUnavailable, launchChromium } from '../dashboard/support/launch-chromium.js';

/** Where the screenshot goes, for a person to look at. */
export const SCREENSHOT = join(tmpdir(), 'switchboard-docs.png');

// Under CI a missing browser is a failure, never a skip.
const skip = chromiumUnavailable();

describe('/docs in a real browser', { skip }, () => {
  let h: Harness;
  let base: string;
  let browser: Browser;

  before(async () => {
    h = await createHarness();
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  it('loads with no console errors, from this server only, under its CSP, and shows the routes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (message) => {
      // A CSP violation is reported here too: an inline script or style the policy refuses.
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    page.on('requestfailed', (request) =>
      problems.push(`failed: ${request.url()} ${request.failure()?.errorText ?? ''}`),
    );
    page.on('response', (answer) => {
      if (answer.status() >= 400) problems.push(`${answer.status()}: ${answer.url()}`);
    });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
    });
    const response = await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self';/);
    assert.equal(await page.title(), 'Switchboard API reference');
    const visible = (text: string) =>
      page.getByText(text, { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await page
      .locator('.info .title', { hasText: 'Switchboard API' })
      .waitFor({ state: 'visible', timeout: 20_000 });
    for (const tag of [
      'RingCentral Subscription API',
      'Subscriptions',
      'Events',
      'Deliveries',
      'Live stream',
      'Tokens',
      'Operations',
    ])
      await visible(tag);
    for (const summary of ['Create a subscription', 'Search deliveries', 'Redeliver by filter'])
      await visible(summary);
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    // The page works, not only renders: "Try it out" on the liveness probe calls this server.
    const liveness = page.locator('.opblock', { hasText: 'Liveness' }).first();
    await liveness.locator('.opblock-summary').click();
    await liveness.getByRole('button', { name: 'Try it out' }).click();
    await liveness.getByRole('button', { name: 'Execute' }).click();
    await liveness
      .locator('.live-responses-table .response-col_status', { hasText: '200' })
      .waitFor({ state: 'visible', timeout: 20_000 });
    assert.deepEqual(problems, []);
    assert.deepEqual(elsewhere, [], 'every asset comes from this server (no CDN, no web fonts)');
  });
});
