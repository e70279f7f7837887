import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildDashboard, type DashboardServer, startDashboardServer } from './support/dashboard-server.js';
import { eventually } from './support/eventually.js';
import { chromiumUnavailable, launchChromium } from './support/launch-chromium.js';
import { screenshot, seriousViolations, watchPage } from './support/page-checks.js';
import { ScriptedReceiver } from './support/scripted-receiver.js';

// The dashboard in real Chromium against a real server whose dispatcher really delivers.
const skip = chromiumUnavailable();
const PRESENCE = '/restapi/v1.0/account/~/extension/~/presence';
const ADMIN_PRESENCE_EVENT = '/restapi/v1.0/account/1001/extension/2001/presence';
const SCRIPT_PAYLOAD = '<script>window.__xss = "body"</script>';
const IMG_PAYLOAD = '<img src=x onerror="window.__xss = \'body-img\'">';
const SNIPPET_PAYLOAD = '<img src=x onerror="window.__xss = \'snippet\'">receiver broke';

interface World {
  server: DashboardServer;
  good: ScriptedReceiver;
  flaky: ScriptedReceiver;
  browser: Browser;
  admin: BrowserContext;
  page: Page;
  watch: ReturnType<typeof watchPage>;
  subs: { healthy: string; failing: string; users: string };
  userToken: string;
  xssEventId: string;
  deadDeliveryId: string;
}

describe('dashboard in Chromium', { skip, timeout: 180_000 }, () => {
  const w = {} as World;

  before(async () => {
    buildDashboard();
    w.server = await startDashboardServer();
    w.good = await ScriptedReceiver.start();
    w.flaky = await ScriptedReceiver.start();
    w.flaky.answer = { status: 500, body: SNIPPET_PAYLOAD };
    const subscribe = async (address: string, token?: string) => {
      const body = { eventFilters: [PRESENCE], deliveryMode: { transportType: 'WebHook', address } };
      const r = await w.server.call('POST', '/restapi/v1.0/subscription', body, token);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.id as string;
    };
    const user = await w.server.call('POST', '/v1/tokens', {
      name: 'dev',
      role: 'user',
      extensionId: '2002',
    });
    w.userToken = user.body.token;
    w.subs = {
      healthy: await subscribe(w.good.url),
      failing: await subscribe(w.flaky.url),
      users: await subscribe(w.good.url, w.userToken),
    };
    const published = await w.server.call('POST', '/v1/events', {
      event: ADMIN_PRESENCE_EVENT,
      body: { note: `${SCRIPT_PAYLOAD}${IMG_PAYLOAD}`, presenceStatus: 'Available' },
    });
    w.xssEventId = published.body.events[0].id;
    // The failing receiver's delivery fails twice (50 ms apart) and is dead.
    const dead = await eventually(async () => {
      const r = await w.server.call('GET', `/v1/subscriptions/${w.subs.failing}/deliveries?state=dead`);
      return r.body.records[0]?.id as string | undefined;
    }, 'the failing delivery to be dead');
    w.deadDeliveryId = dead;
    w.browser = await launchChromium();
    w.admin = await w.browser.newContext({ viewport: { width: 1280, height: 800 } });
    w.page = await w.admin.newPage();
    w.watch = watchPage(w.page);
  });

  after(async () => {
    await w.browser?.close();
    await w.server?.close();
    await w.good?.close();
    await w.flaky?.close();
  });

  /** Opens a dashboard path, waits for its heading, and checks it as a person and axe would. */
  async function visit(path: string, heading: string | RegExp, name: string, ready?: string) {
    await w.page.goto(w.server.url + path);
    await w.page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 10_000 });
    if (ready) await w.page.locator(ready).first().waitFor({ timeout: 10_000 });
    assert.deepEqual(await seriousViolations(w.page), [], `${path}: axe serious/critical violations`);
    await screenshot(w.page, name);
    assert.deepEqual(w.watch.take(), [], `${path}: console errors or failed requests`);
  }

  it('signs in with the admin token into an HttpOnly, SameSite=Strict cookie; the token is in no URL or storage', async () => {
    await w.page.goto(`${w.server.url}/`);
    assert.equal(new URL(w.page.url()).pathname, '/dashboard/');
    await w.page.getByLabel('Token').waitFor();
    assert.deepEqual(await seriousViolations(w.page), []);
    await screenshot(w.page, '01-sign-in');
    await w.page.getByLabel('Token').fill(w.server.adminToken);
    await w.page.getByRole('button', { name: 'Sign in' }).click();
    await w.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const [cookie, ...others] = await w.admin.cookies();
    assert.equal(others.length, 0);
    assert.equal(cookie?.name, 'switchboard_session');
    assert.equal(cookie?.httpOnly, true);
    assert.equal(cookie?.sameSite, 'Strict');
    assert.notEqual(cookie?.value, w.server.adminToken);
    const stored = await w.page.evaluate('JSON.stringify({ ...localStorage, ...sessionStorage })');
    assert.equal(stored, '{}');
    assert.ok(!w.page.url().includes(w.server.adminToken));
    assert.equal(await w.page.evaluate('document.cookie'), '', 'page scripts cannot read the cookie');
    assert.deepEqual(w.watch.take(), []);
  });

  it('shows the overview: queue counts, subscriptions by status, the failing one, the rate chart', async () => {
    await visit('/dashboard/', 'Overview', '02-overview', '.chart svg');
    const text = (await w.page.locator('main').textContent()) ?? '';
    assert.match(text, /1\s*dead/);
    assert.match(text, /3\s*active subscriptions/);
    assert.match(text, /attempts, 2 failed in the last hour/);
    // "Failing most" links the failing subscription.
    assert.equal(await w.page.locator(`a[href="/dashboard/subscriptions/${w.subs.failing}"]`).count(), 1);
  });

  it('lists subscriptions with health and counts, searchable and filterable by status', async () => {
    await visit('/dashboard/subscriptions', 'Subscriptions', '03-subscriptions', 'tbody tr');
    assert.equal(await w.page.locator('tbody tr').count(), 3);
    await w.page.getByLabel('Search').fill(new URL(w.flaky.url).port);
    await w.page.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    assert.equal(await w.page.locator('tbody tr').count(), 1);
    await w.page.getByLabel('Search').fill('');
    await w.page.getByLabel('Status').selectOption('Blacklisted');
    await w.page.getByText('No subscription matches.').waitFor();
    assert.deepEqual(w.watch.take(), []);
  });

  it("shows a subscription's dead delivery with its attempts; the receiver's HTML renders as text", async () => {
    await visit(`/dashboard/subscriptions/${w.subs.failing}`, /127\.0\.0\.1/, '04-subscription', '.delivery');
    await w.page.getByRole('button', { name: 'dead' }).click();
    await w.page.locator(`[data-delivery-id="${w.deadDeliveryId}"] summary`).click();
    const snippet = w.page.locator('.snippet').first();
    await snippet.waitFor();
    assert.equal(await snippet.textContent(), SNIPPET_PAYLOAD);
    assert.equal(await w.page.locator('.attempts img').count(), 0);
    assert.equal(await w.page.evaluate(() => (globalThis as { __xss?: string }).__xss), undefined);
    assert.deepEqual(await seriousViolations(w.page), []);
    await screenshot(w.page, '05-subscription-attempts');
    assert.deepEqual(w.watch.take(), []);
  });

  it('redeliver from the UI queues the dead delivery again and it is delivered, as the API shows', async () => {
    w.flaky.answer = { status: 200 };
    await w.page
      .locator(`[data-delivery-id="${w.deadDeliveryId}"]`)
      .getByRole('button', { name: 'Redeliver' })
      .click();
    await w.page.getByText(`Delivery ${w.deadDeliveryId} queued again`).waitFor();
    await eventually(async () => {
      const r = await w.server.call('GET', `/v1/deliveries/${w.deadDeliveryId}`);
      return r.body.delivery.state === 'delivered' ? true : undefined;
    }, 'the redelivered delivery to be delivered');
    assert.deepEqual(w.watch.take(), []);
  });

  it('"Redeliver failed" queues every dead delivery of the subscription at once (bulk redeliver)', async () => {
    w.flaky.answer = { status: 500, body: 'down again' };
    const published = await w.server.call('POST', '/v1/events', {
      events: [1, 2].map((n) => ({ event: ADMIN_PRESENCE_EVENT, body: { n } })),
    });
    const ids = published.body.events.map((e: { id: string }) => e.id);
    const failingDelivery = async (eventId: string) => {
      const r = await w.server.call('GET', `/v1/events/${eventId}`);
      return r.body.deliveries.find((d: { subscriptionId: string }) => d.subscriptionId === w.subs.failing);
    };
    for (const id of ids)
      await eventually(
        async () => ((await failingDelivery(id))?.state === 'dead' ? true : undefined),
        'dead',
      );
    w.flaky.answer = { status: 200 };
    await w.page.goto(`${w.server.url}/dashboard/subscriptions/${w.subs.failing}`);
    await w.page.getByRole('button', { name: 'Redeliver failed' }).click();
    await w.page.getByText('Queued 2 dead or expired deliveries again.').waitFor();
    for (const id of ids)
      await eventually(
        async () => ((await failingDelivery(id))?.state === 'delivered' ? true : undefined),
        'delivered after the bulk redeliver',
      );
    assert.deepEqual(w.watch.take(), []);
  });

  it('searches events by path and shows an event: its body as text and why each subscription matched', async () => {
    await visit(
      `/dashboard/events?eventPath=${encodeURIComponent('/restapi/v1.0/account/1001')}`,
      'Events',
      '06-events',
      'tbody tr',
    );
    await w.page.locator(`a[href="/dashboard/events/${w.xssEventId}"]`).waitFor();
    // Searching from tomorrow on finds nothing; the time travels in the URL as ISO 8601.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 16);
    await w.page.getByLabel('From').fill(local);
    await w.page.getByRole('button', { name: 'Search' }).click();
    await w.page.getByText('No events match.').waitFor();
    assert.match(
      new URL(w.page.url()).searchParams.get('since') ?? '',
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/,
    );
    assert.deepEqual(w.watch.take(), []);
    await visit(`/dashboard/events/${w.xssEventId}`, 'Event', '07-event', '.explain li');
    const body = await w.page.locator('pre.body').textContent();
    assert.ok(body?.includes(SCRIPT_PAYLOAD.replaceAll('"', '\\"')), 'the <script> shows as text');
    assert.ok(body?.includes(IMG_PAYLOAD.replaceAll('"', '\\"')), 'the <img onerror> shows as text');
    assert.equal(await w.page.locator('main img, main script').count(), 0);
    assert.equal(await w.page.evaluate(() => (globalThis as { __xss?: string }).__xss), undefined);
    const explained = await w.page.locator('.explain > li').allInnerTexts();
    assert.equal(explained.length, 3);
    assert.equal(explained.filter((t) => t.startsWith('Matched')).length, 2);
    assert.equal(explained.filter((t) => t.startsWith('Did not match')).length, 1);
  });

  it('live tail shows a delivery published during the test within 2 s', async () => {
    await visit('/dashboard/live', 'Live tail', '08-live-empty', '.connection.on');
    const before = await w.page.locator('.tail-line.delivery-attempted').count();
    const started = Date.now();
    const published = await w.server.call('POST', '/v1/events', {
      event: ADMIN_PRESENCE_EVENT,
      body: { presenceStatus: 'Busy' },
    });
    assert.equal(published.status, 202);
    // A bound, not a sleep: resolves as soon as the line is there, fails past 2 s.
    await w.page
      .locator('.tail-line.delivery-attempted')
      .nth(before + 1)
      .waitFor({ timeout: Math.max(1, 2000 - (Date.now() - started)) });
    assert.ok(Date.now() - started < 2000);
    await screenshot(w.page, '09-live');
    await w.page.getByRole('button', { name: 'Pause' }).click();
    await w.server.call('POST', '/v1/events', {
      event: ADMIN_PRESENCE_EVENT,
      body: { presenceStatus: 'Away' },
    });
    await w.page.getByRole('button', { name: /Resume \(2 new\)/ }).waitFor({ timeout: 5000 });
    assert.deepEqual(w.watch.take(), []);
  });

  it("sends a test event built by `switchboard trigger`'s generators", async () => {
    await visit('/dashboard/test-event', 'Send a test event', '10-test-event', 'input[type=radio]');
    await w.page.locator('input[value="presence"]').check();
    await w.page.getByRole('button', { name: 'Publish' }).click();
    await w.page.getByText('Published 1 event(s), matched 2 subscription(s).').waitFor();
    assert.deepEqual(w.watch.take(), []);
  });

  it('renews, rotates the secret, recovers since a time and deletes (after confirming) from the UI', async () => {
    const path = `/dashboard/subscriptions/${w.subs.healthy}`;
    await visit(path, /127\.0\.0\.1/, '15-subscription-healthy', '.delivery');
    const notice = w.page.locator('.notice[role=status]');
    await w.page.getByRole('button', { name: 'Renew' }).click();
    await notice.getByText('Renewed.').waitFor();
    await w.page.getByRole('button', { name: 'Rotate secret' }).click();
    const secret = await w.page.locator('code.secret').textContent();
    assert.match(secret ?? '', /^whsec_/);
    await w.page.getByLabel('Recover deliveries since').fill('2020-01-01T00:00');
    await w.page.getByRole('button', { name: 'Recover' }).click();
    await notice.getByText(/^Queued 0 deliveries again\./).waitFor();

    const doomed = await w.server.call('POST', '/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store'],
      deliveryMode: { transportType: 'WebHook', address: w.good.url },
    });
    await w.page.goto(`${w.server.url}/dashboard/subscriptions/${doomed.body.id}`);
    await w.page.getByRole('button', { name: 'Delete…' }).waitFor();
    w.page.once('dialog', (dialog) => void dialog.dismiss());
    await w.page.getByRole('button', { name: 'Delete…' }).click();
    assert.equal(
      (await w.server.call('GET', `/v1/subscriptions/${doomed.body.id}`)).status,
      200,
      'kept when not confirmed',
    );
    w.page.once('dialog', (dialog) => void dialog.accept());
    await w.page.getByRole('button', { name: 'Delete…' }).click();
    await w.page.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();
    assert.equal((await w.server.call('GET', `/v1/subscriptions/${doomed.body.id}`)).status, 404);
    assert.deepEqual(w.watch.take(), []);
  });

  it('live tail filters by subscription', async () => {
    await visit('/dashboard/live', 'Live tail', '16-live-filter', '.connection.on');
    await w.page.getByLabel('Subscription').selectOption(w.subs.failing);
    await w.page.locator(`.connection.on[data-stream="${w.subs.failing}"]`).waitFor();
    // Both subscriptions get the first event. Once the healthy one's attempt is streamed, the
    // second event's line for the failing one comes after it on the same connection.
    const first = await w.server.call('POST', '/v1/events', { event: ADMIN_PRESENCE_EVENT, body: {} });
    await eventually(async () => {
      const r = await w.server.call('GET', `/v1/events/${first.body.events[0].id}`);
      return r.body.deliveries.every((d: { state: string }) => d.state === 'delivered') ? true : undefined;
    }, 'both deliveries of the first event');
    await w.server.app.api.streamHub.settled();
    await w.server.call('POST', '/v1/events', { event: ADMIN_PRESENCE_EVENT, body: {} });
    await w.page.locator('.tail-line.delivery-attempted').nth(1).waitFor({ timeout: 5000 });
    const links = await w.page
      .locator('.tail-line a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(links.length >= 1);
    assert.ok(
      links.every((href) => href === `/dashboard/subscriptions/${w.subs.failing}`),
      links.join(' '),
    );
    assert.deepEqual(w.watch.take(), []);
  });

  it('is keyboard-usable: Tab reaches the navigation and Enter follows it', async () => {
    await w.page.goto(`${w.server.url}/dashboard/`);
    await w.page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    for (let n = 0; n < 20; n++) {
      await w.page.keyboard.press('Tab');
      if ((await w.page.evaluate('document.activeElement?.textContent')) === 'Subscriptions') break;
    }
    await w.page.keyboard.press('Enter');
    await w.page.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();
  });

  it('works on a phone-width screen and in dark mode', async () => {
    await w.page.setViewportSize({ width: 390, height: 844 });
    await visit('/dashboard/', 'Overview', '11-overview-phone', '.chart svg');
    const overflow = await w.page.evaluate('document.documentElement.scrollWidth > window.innerWidth');
    assert.equal(overflow, false, 'no sideways scrolling at phone width');
    await w.page.setViewportSize({ width: 1280, height: 800 });
    await w.page.emulateMedia({ colorScheme: 'dark' });
    await visit(
      `/dashboard/subscriptions/${w.subs.failing}`,
      /127\.0\.0\.1/,
      '12-subscription-dark',
      '.delivery',
    );
    await visit('/dashboard/', 'Overview', '13-overview-dark', '.chart svg');
    await w.page.emulateMedia({ colorScheme: 'light' });
  });

  it('a user token sees only its own subscriptions; a foreign id shows "not found"', async () => {
    const context = await w.browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      const watch = watchPage(page);
      await page.goto(`${w.server.url}/dashboard/`);
      await page.getByLabel('Token').fill(w.userToken);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      await page.goto(`${w.server.url}/dashboard/subscriptions`);
      await page.locator('tbody tr').first().waitFor();
      const rows = await page.locator('tbody tr').allInnerTexts();
      assert.equal(rows.length, 1);
      assert.ok(rows[0]?.includes(w.subs.users));
      watch.expect(new RegExp(`/v1/subscriptions/${w.subs.failing}|status of 404`));
      await page.goto(`${w.server.url}/dashboard/subscriptions/${w.subs.failing}`);
      await page.getByRole('heading', { name: 'Not found' }).waitFor();
      assert.ok(!(await page.locator('main').textContent())?.includes(w.flaky.url));
      await screenshot(page, '14-user-foreign-not-found');
      assert.deepEqual(watch.take(), []);
    } finally {
      await context.close();
    }
  });

  it('signs out: the session ends on the server too', async () => {
    const [cookie] = await w.admin.cookies();
    await w.page.goto(`${w.server.url}/dashboard/`);
    await w.page.getByRole('button', { name: 'Sign out' }).click();
    await w.page.getByLabel('Token').waitFor();
    const after = await fetch(`${w.server.url}/dashboard/session`, {
      headers: { cookie: `switchboard_session=${cookie?.value}` },
    });
    assert.deepEqual(await after.json(), { session: null });
    assert.deepEqual(w.watch.take(), []);
  });
});
