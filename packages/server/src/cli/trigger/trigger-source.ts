import { UsageError } from '../cli-error.js';
import { type BodySetting, customiseBody, parseSetting, readData } from './custom-data.js';
import { replayFixtures } from './replay-fixture.js';
import type { EventDraft, TriggerInput } from './trigger-input.js';
import { findTriggerKind, TRIGGER_KINDS, type TriggerKind } from './trigger-kinds.js';

/** What `trigger` publishes: a kind, or a recorded event (`--fixture`) as a kind of one event. */
export type TriggerSource = TriggerKind & { fixture?: EventDraft[] };

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
    const recorded = await replayFixtures(fixture, cwd, Date.now());
    return {
      name: fixture,
      description: '',
      size: recorded.length,
      filter: recorded[0]?.event ?? '',
      schema: null,
      fixture: recorded,
      build: () => recorded,
    };
  }
  if (name === undefined) throw new UsageError('which kind? (or --fixture <file>)', known);
  const kind = findTriggerKind(name);
  if (!kind) throw new UsageError(`unknown kind "${name}"`, known);
  return kind;
}

/** A replay publishes the recorded paths as they are: the first one's ids say whose events they are. */
export function fixtureInput(recorded: EventDraft[]): Omit<TriggerInput, 'n'> {
  const ids = /\/account\/([^/?]+)(?:\/extension\/([^/?]+))?/.exec(recorded[0]?.event ?? '');
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
