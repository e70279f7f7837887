/** The options every API command takes that take a value (command-context.ts). */
const VALUE_OPTIONS = new Set(['--server', '--token', '--data-dir']);
const FLAG_OPTIONS = new Set(['--json']);

/**
 * Moves the options every command takes from before the subcommand to after it, so
 * `switchboard --server X subscriptions list` works as `switchboard subscriptions list --server X`
 * does (docs/cli.md "Options every command takes"). Commander only knows options on the command
 * that declares them; the root declares none of these.
 *
 * @example
 * hoistGlobalOptions(['--json', 'tokens', 'list']); // → ['tokens', 'list', '--json']
 */
export function hoistGlobalOptions(argv: readonly string[]): string[] {
  const moved: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i] ?? '';
    const name = arg.split('=')[0] ?? '';
    if (FLAG_OPTIONS.has(arg)) {
      moved.push(arg);
      i += 1;
    } else if (VALUE_OPTIONS.has(name) && arg.includes('=')) {
      moved.push(arg);
      i += 1;
    } else if (VALUE_OPTIONS.has(arg) && i + 1 < argv.length) {
      moved.push(arg, argv[i + 1] ?? '');
      i += 2;
    } else break;
  }
  return [...argv.slice(i), ...moved];
}
