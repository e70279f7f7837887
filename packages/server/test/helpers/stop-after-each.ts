import { afterEach } from 'node:test';
import type { App } from '../../src/app.js';
import type { TestReceiver } from './test-receiver.js';

/** What a test started, for `afterEach` to stop. */
export interface StartedByTest {
  app: App | null;
  receiver: TestReceiver | null;
}

/**
 * Registers an `afterEach` that stops the app and closes the receiver a test put in the returned
 * holder, so a failing test leaves no server or socket behind for the next one.
 */
export function stopAfterEach(): StartedByTest {
  const started: StartedByTest = { app: null, receiver: null };
  afterEach(async () => {
    await started.app?.stop();
    await started.receiver?.close();
    started.app = null;
    started.receiver = null;
  });
  return started;
}
