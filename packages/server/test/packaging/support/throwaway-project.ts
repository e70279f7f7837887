import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

/** One tarball `npm pack --json` wrote: its name, sizes and file list. */
export interface PackedPackage {
  name: string;
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

/**
 * `npm pack` of both packages into `destination`, run at the repository root as a maintainer
 * would before publishing: their `prepack` scripts build dist/ from the current sources first.
 */
export async function packPackages(root: string, destination: string): Promise<Map<string, PackedPackage>> {
  const { stdout } = await runCommand(
    'npm',
    ['pack', '--json', '--pack-destination', destination, '-w', 'packages/receiver', '-w', 'packages/server'],
    { cwd: root, timeoutMs: 600_000 },
  );
  // The build scripts print to stdout before npm's JSON; the JSON is the last thing printed.
  const packed = JSON.parse(stdout.slice(stdout.lastIndexOf('\n[') + 1)) as PackedPackage[];
  return new Map(
    packed.map((entry) => [entry.name, { ...entry, filename: join(destination, entry.filename) }]),
  );
}

/**
 * A new project in `dir` (optionally with the files of `fixture`), into which `npm install`
 * installs `packages` (tarball paths and registry specs) as a user's project would.
 * `--prefer-offline` takes registry metadata from npm's cache when it has it: the packages are the
 * same, the test just does not ask the registry again for every version it already knows.
 */
export async function createProject(
  dir: string,
  packages: readonly string[],
  fixture?: string,
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  if (fixture) cpSync(fixture, dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    `${JSON.stringify({ name: 'app', private: true, type: 'module' })}\n`,
  );
  await runCommand('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packages], {
    cwd: dir,
    timeoutMs: 900_000,
  });
  return dir;
}

/** `name@range` of a development dependency of the repository, so the projects use what we test with. */
export function devDependency(manifestPath: string, name: string): string {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const range = manifest.devDependencies[name];
  if (range === undefined) throw new Error(`${manifestPath} has no devDependency ${name}`);
  return `${name}@${range}`;
}
