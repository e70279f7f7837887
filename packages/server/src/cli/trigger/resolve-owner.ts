import { DEFAULT_ACCOUNT_ID, DEFAULT_EXTENSION_ID } from '../../model.js';
import { ServerError, UsageError } from '../cli-error.js';
import type { TokenView } from '../commands/api-types.js';
import type { ApiClient } from '../connection/api-client.js';

export interface Owner {
  accountId: string;
  extensionId: string;
}

/**
 * Whose events `trigger` publishes: `--account`/`--extension`, else the token's own. The API
 * has no "who am I", so the CLI asks what it can (docs/cli.md "trigger"):
 *
 * - the local admin token (read from the data directory) is the server's bootstrap admin: its
 *   ids are in the token list (1001/2001 on a fresh server);
 * - another admin token: the token list, when all live admin tokens share one extension;
 * - a publisher token cannot list tokens: it must name `--account` (and `--extension`).
 */
export async function resolveOwner(
  client: ApiClient,
  flags: { account?: string | undefined; extension?: string | undefined },
): Promise<Owner> {
  if (flags.account !== undefined && flags.extension !== undefined)
    return { accountId: flags.account, extensionId: flags.extension };
  const own = await tokenOwner(client);
  if (flags.account !== undefined && flags.account !== own.accountId)
    throw new UsageError(`--account ${flags.account} is not the token's account: give --extension too`);
  return { accountId: flags.account ?? own.accountId, extensionId: flags.extension ?? own.extensionId };
}

async function tokenOwner(client: ApiClient): Promise<Owner> {
  const fromDataDir = client.connection.tokenSource === 'data directory';
  let tokens: TokenView[];
  try {
    tokens = (await client.get<{ records: TokenView[] }>('/v1/tokens')).records;
  } catch (err) {
    if (err instanceof ServerError && err.errorCode === 'SWB-103') {
      throw new UsageError(
        'this token cannot list tokens, so the CLI cannot tell its account and extension',
        'Pass --account and --extension (a publisher token publishes for its own account only).',
      );
    }
    throw err;
  }
  const admins = tokens.filter((t) => t.role === 'admin' && t.revokedAt === null);
  if (fromDataDir) {
    const bootstrap = admins.find((t) => t.name === 'bootstrap admin');
    return bootstrap
      ? { accountId: bootstrap.accountId, extensionId: bootstrap.extensionId }
      : { accountId: DEFAULT_ACCOUNT_ID, extensionId: DEFAULT_EXTENSION_ID };
  }
  const owners = new Set(admins.map((t) => `${t.accountId}/${t.extensionId}`));
  const [only] = owners;
  if (owners.size === 1 && only !== undefined) {
    const [accountId = '', extensionId = ''] = only.split('/');
    return { accountId, extensionId };
  }
  throw new UsageError(
    'the CLI cannot tell which account and extension this admin token belongs to',
    `Pass --account and --extension (admin tokens on this server: ${[...owners].join(', ')}).`,
  );
}
