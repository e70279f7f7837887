/**
 * The longer runs of the reliability and fuzz tests, kept out of `npm test` and CI (its name does
 * not end in `.test.ts`, so scripts/run-tests.mjs never picks it up). It sets SWITCHBOARD_SOAK,
 * which the tests read through soakScale(): ×N kills in the SIGKILL test, ×N events against the
 * hostile receivers, ×N fast-check runs.
 *
 *   npm run soak                      # scale 10: about ten minutes on two cores
 *   npm run soak:long                 # scale 50
 *   npm run soak -- --scale=3 --only=fuzz
 *   SWITCHBOARD_CRASH_SEED=123 npm run soak -- --only=sigkill   # repeat a run's kill moments
 */
import { run } from 'node:test';
import { spec } from 'node:test/reporters';

const FILES = [
  'sigkill-under-load.test.ts',
  'crash-safety.test.ts',
  'hostile-receivers.test.ts',
  'receiver-down-and-back.test.ts',
  'database-unwritable.test.ts',
  '../security/bad-input-fuzz.test.ts',
  '../security/raw-socket-input.test.ts',
];

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [key = '', value = ''] = a.replace(/^--/, '').split('=');
    return [key, value];
  }),
);
const scale = Number(args.get('scale') ?? process.env.SWITCHBOARD_SOAK ?? 10);
if (!Number.isInteger(scale) || scale < 1)
  throw new Error(`--scale must be a whole number >= 1, got ${scale}`);
process.env.SWITCHBOARD_SOAK = String(scale);
const only = args.get('only');
const files = FILES.filter((f) => !only || f.includes(only)).map((f) => new URL(f, import.meta.url).pathname);
if (files.length === 0) throw new Error(`no soak file matches --only=${only}`);

process.stdout.write(`soak at scale ${scale}: ${files.length} files, one at a time\n`);
const started = Date.now();
const stream = run({ files, concurrency: 1 });
stream.on('test:fail', () => {
  process.exitCode = 1;
});
stream.on('end', () => {
  process.stdout.write(`soak finished in ${Math.round((Date.now() - started) / 1000)} s\n`);
});
stream.compose(new spec()).pipe(process.stdout);
