import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium package (`.ci/run` installs it); a browser is never downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
const inCi = (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

/**
 * Why the browser tests cannot run here, or undefined to run them. Under CI=true a missing
 * chromium is a FAILURE, never a skip: a failing test is registered in its place.
 */
export function chromiumUnavailable(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const why = `${CHROMIUM} is missing (apt-get install -y chromium)`;
  if (inCi) {
    test('Chromium is installed (required when CI=true)', () => {
      assert.fail(`${why}. CI runs the browser tests and never skips them.`);
    });
    return undefined;
  }
  return `${why}; under CI=true these tests fail instead`;
}

/**
 * A headless chromium. Playwright's `launch` gives every browser a fresh temporary profile
 * (user-data-dir) and removes it on close; each `newContext` is a separate cookie jar, so the admin
 * and a user are two sessions.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
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
    timeout: 30_000,
  });
}
