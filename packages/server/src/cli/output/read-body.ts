import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';

/**
 * An event body from `--body '<json>'` or `--body-file <file>` (`-` reads stdin). It must be a
 * JSON object: the API refuses anything else.
 */
export async function readJsonBody(
  io: CliIo,
  flags: { body?: string | undefined; bodyFile?: string | undefined },
): Promise<Record<string, unknown>> {
  if (flags.body !== undefined && flags.bodyFile !== undefined)
    throw new UsageError('give --body or --body-file, not both');
  let text: string;
  let origin: string;
  if (flags.body !== undefined) {
    text = flags.body;
    origin = '--body';
  } else if (flags.bodyFile === '-') {
    text = await readStream(io.stdin);
    origin = 'stdin';
  } else if (flags.bodyFile !== undefined) {
    origin = flags.bodyFile;
    try {
      text = await readFile(resolve(io.cwd, flags.bodyFile), 'utf8');
    } catch (err) {
      throw new UsageError(
        `cannot read ${flags.bodyFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      );
    }
  } else {
    throw new UsageError(
      "give the event body with --body '<json>' or --body-file <file> (- for stdin)",
      'For realistic RingCentral bodies, `switchboard trigger <kind>` builds them for you.',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`the body in ${origin} is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new UsageError(`the body in ${origin} must be a JSON object`);
  return parsed as Record<string, unknown>;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}
