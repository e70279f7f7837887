import { spawn } from 'node:child_process';

/** What a finished command printed. */
export interface CommandOutput {
  stdout: string;
  stderr: string;
}

/**
 * The environment of a command run as a user would run it, outside the repository: without the
 * `npm_*` variables of the `npm test` around this test (they would point npm at the repository's
 * workspace) and without NODE_OPTIONS, so `node` is plain Node.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!name.toLowerCase().startsWith('npm_') && name !== 'NODE_OPTIONS') env[name] = value;
  }
  return {
    ...env,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    ...extra,
  };
}

/**
 * Runs a command to its end and resolves with its output; rejects with the output when it exits
 * with another status than 0, or is killed after `timeoutMs`.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandOutput> {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? userEnv(), stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve({ stdout, stderr });
      else
        reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}\n${stdout}\n${stderr}`));
    });
  });
}
