/**
 * What the example receivers share: options from the environment, a notification handler that
 * shows the typed events, and starting a server on a port.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { isEvent, type Notification, type WebhookHandlerOptions } from '@switchboard/receiver';

/** A running example receiver. */
export interface RunningExample {
  port: number;
  close(): Promise<void>;
}

/** VERIFICATION_TOKEN and SIGNING_SECRET from the environment; both optional. */
export function exampleOptions(): WebhookHandlerOptions {
  return {
    verificationToken: process.env.VERIFICATION_TOKEN || undefined,
    signingSecret: process.env.SIGNING_SECRET || undefined,
    onNotification: logNotification,
  };
}

/** Narrows each notification by its event kind, then logs what it says. */
export function logNotification(notification: Notification): void {
  if (isEvent(notification, 'presence')) {
    console.log(`extension ${notification.body.extensionId} is ${notification.body.presenceStatus}`);
  } else if (isEvent(notification, 'subscription-reminder')) {
    console.log(
      `subscription ${notification.subscriptionId} expires in ${notification.body.expiresIn} s: renew it`,
    );
  } else {
    console.log(notification.event, notification.body);
  }
}

/** The interface to listen on: $HOST, or all IPv4 interfaces (RingCentral must reach you). */
export function exampleHost(): string {
  return process.env.HOST ?? '0.0.0.0';
}

/** Listens on `port` (0: any free port) and resolves once listening. */
export async function listen(server: Server, port: number): Promise<RunningExample> {
  await new Promise<void>((resolve) => server.listen(port, exampleHost(), resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Whether the module at `moduleUrl` is the one Node was asked to run. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] === fileURLToPath(moduleUrl);
}
