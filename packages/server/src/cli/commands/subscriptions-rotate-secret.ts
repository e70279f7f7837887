import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { apiCommand } from '../command-builder.js';
import { formatFields } from '../output/format-table.js';
import { shortIso } from '../output/format-time.js';

interface RotatedSecret {
  signingSecret: string;
  previousSecretValidUntil: string | null;
}

/**
 * `switchboard subscriptions rotate-secret <id>`: a new Standard Webhooks signing secret, shown
 * once; notifications carry signatures with both secrets until the old one's time is up, so the
 * receiver can be switched over without a failed delivery.
 */
export function rotateSecretCommand(io: CliIo): Command {
  return apiCommand(io, {
    name: 'rotate-secret',
    arguments: [['<id>', 'subscription id']],
    description:
      'Give a subscription a new signing secret (shown once); the old one keeps signing for a while',
    examples: [
      'switchboard subscriptions rotate-secret 0c3f9a1e-5b7d-4c1e-9f3a-2b6d8e0a1c4f',
      'switchboard subscriptions rotate-secret 0c3f9a1e-… --json | jq -r .signingSecret > secret.txt',
    ],
    run: (ctx, id: string) =>
      ctx.client().post<RotatedSecret>(`/v1/subscriptions/${encodeURIComponent(id)}/rotate-secret`),
    text: (ctx, rotated) => {
      ctx.print(
        formatFields(
          [
            ['signing secret', ctx.style.bold(rotated.signingSecret)],
            [
              'old secret valid until',
              rotated.previousSecretValidUntil ? shortIso(rotated.previousSecretValidUntil) : '-',
            ],
          ],
          ctx.style,
        ),
      );
      ctx.note(
        ctx.errStyle.dim(
          'Shown only this once: give it to your receiver before the old secret stops signing.',
        ),
      );
    },
  });
}
