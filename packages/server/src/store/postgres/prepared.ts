import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

const names = new Map<string, string>();

/**
 * A named query: PostgreSQL parses and plans it once per pooled connection, then only binds values
 * (the counterpart of better-sqlite3's prepared statements in store/sqlite/prepared.ts). The name is
 * derived from the text, so SQL stays plain text at the call site.
 */
export function prepared(text: string, values: unknown[] = []): QueryConfig {
  let name = names.get(text);
  if (!name) {
    name = `sb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
