import { UsageError } from '../cli-error.js';
import { type BodySetting, customiseBody, parseSetting, readData } from './custom-data.js';
import { replayFixture } from './replay-fixture.js';
import type { EventDraft, TriggerInput } from './trigger-input.js';
import { findTriggerKind, TRIGGER_KINDS, type TriggerKind } from './trigger-kinds.js';

/** What `trigger` publishes: a kind, or a recorded event (`--fixture`) as a kind of one event. */
export type TriggerSource = TriggerKind & { fixture?: EventDraft };

/** The drafts of `count` runs of `kind`, each body with `--data` and `--set` applied. */
export function* drafts(
  kind: TriggerKind,
  base: Omit<TriggerInput, 'n'>,
  count: number,
  custom: CustomData,
): Generator<EventDraft> {
  for (let n = 0; n < count; n += 1) {
    for (const draft of kind.build({ ...base, n }))
      yield { ...draft, body: customiseBody(draft.body, custom.data, custom.settings) };
  }
}

export interface CustomData {
  data: Awaited<ReturnType<typeof readData>> | null;
  settings: BodySetting[];
}

/** `--data` and `--set`, read and checked before anything is published. */
export async function customData(
  flags: { data?: string | undefined; set?: string[] | undefined },
  cwd: string,
): Promise<CustomData> {
  return {
    data: flags.data === undefined ? null : await readData(flags.data, cwd),
    settings: (flags.set ?? []).map(parseSetting),
  };
}

/** The kind named, or the event `--fixture` recorded. */
export async function chosenKind(
  name: string | undefined,
  fixture: string | undefined,
  cwd: string,
): Promise<TriggerSource> {
  const known = `Kinds: ${TRIGGER_KINDS.map((k) => k.name).join(', ')}. See switchboard trigger --help.`;
  if (fixture !== undefined) {
    if (name !== undefined) throw new UsageError(`give a kind or --fixture, not both (got "${name}")`);
    const draft = await replayFixture(fixture, cwd, Date.now());
    return { name: `fixture ${fixture}`, description: '', size: 1, fixture: draft, build: () => [draft] };
  }
  if (name === undefined) throw new UsageError('which kind? (or --fixture <file>)', known);
  const kind = findTriggerKind(name);
  if (!kind) throw new UsageError(`unknown kind "${name}"`, known);
  return kind;
}

/** A replay publishes the recorded path as it is: its ids say whose event it is. */
export function fixtureInput(draft: EventDraft): Omit<TriggerInput, 'n'> {
  const ids = /\/account\/([^/?]+)(?:\/extension\/([^/?]+))?/.exec(draft.event);
  return {
    accountId: ids?.[1] ?? '-',
    extensionId: ids?.[2] ?? '-',
    direction: 'Inbound',
    from: '',
    to: '',
    text: undefined,
    now: Date.now(),
  };
}
