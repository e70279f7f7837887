import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, chromium } from 'playwright-core';
import { createHarness, type Harness } from '../api/harness.js';

/** Debian's chromium: a browser is never downloaded (apt-get install -y chromium). */
const CHROMIUM = '/usr/bin/chromium';
const inCi = (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';
/** Where the screenshot goes, for a person to look at. */
export const SCREENSHOT = join(tmpdir(), 'switchboard-docs.png');

// Under CI a missing browser is a failure (the launch below throws), never a skip.
const skip = !inCi && !existsSync(CHROMIUM) ? `${CHROMIUM} is missing: apt-get install -y chromium` : false;

describe('/docs in a real browser', { skip }, () => {
  let h: Harness;
  let base: string;
  let profile: string;
  let browser: BrowserContext;

  before(async () => {
    h = await createHarness();
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    profile = mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
  });
  after(async () => {
    await browser?.close();
    await h?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('loads with no console errors, from this server only, and shows the routes', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('blob:')) elsewhere.push(url);
    });
    const response = await page.goto(`${base}/docs`, { waitUntil: 'networkidle' });
    assert.equal(response?.status(), 200);
    const visible = (text: string) =>
      page.getByText(text, { exact: true }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await visible('Switchboard API');
    for (const tag of [
      'RingCentral Subscription API',
      'Subscriptions',
      'Events',
      'Deliveries',
      'Live stream',
      'Tokens',
    ])
      await visible(tag);
    await visible('Create a subscription');
    // The other tags' routes are folded in the sidebar until their group is opened.
    await page.getByText('Deliveries', { exact: true }).first().click();
    await visible('Search deliveries');
    await visible('Redeliver by filter');
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
    assert.deepEqual(problems, []);
    assert.deepEqual(elsewhere, [], 'every asset comes from this server (no CDN, no web fonts)');
  });
});
