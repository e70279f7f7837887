import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';

/**
 * The PostgreSQL the tests use: CI's server on 127.0.0.1:5432 (user postgres, trust auth), or
 * SWITCHBOARD_TEST_DATABASE_URL. Each test file works in a throwaway schema or database of its own.
 */
export const TEST_DATABASE_URL =
  process.env.SWITCHBOARD_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const inCi = (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

function redacted(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//…@');
}

/** Connects once to the test database; null when it answers, else why it does not. */
async function unreachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return `PostgreSQL at ${redacted(url)} is unreachable (${(err as Error).message || (err as { code?: string }).code})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Why PostgreSQL tests must be skipped here, or undefined to run them. Under CI=true an unreachable
 * PostgreSQL is a FAILURE, never a skip: a failing test is registered (and the caller's suites are
 * skipped so that one clear failure stands for them).
 */
export async function postgresSkipReason(): Promise<string | undefined> {
  const why = await unreachable(TEST_DATABASE_URL);
  if (why === null) return undefined;
  if (inCi) {
    test('PostgreSQL is reachable (required when CI=true)', () => {
      assert.fail(`${why}. CI runs the PostgreSQL tests and never skips them: start PostgreSQL first.`);
    });
    return `${why} (reported as a failure above)`;
  }
  return `${why}; start PostgreSQL or set SWITCHBOARD_TEST_DATABASE_URL to run these tests (under CI=true they fail instead)`;
}

function uniqueName(prefix: string): string {
  return `sb_${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface TestSchema {
  name: string;
  drop(): Promise<void>;
}

/** A fresh, empty schema in the test database, for one test file. */
export async function createTestSchema(prefix: string): Promise<TestSchema> {
  const name = uniqueName(prefix);
  await adminQuery(TEST_DATABASE_URL, `CREATE SCHEMA ${name}`);
  return { name, drop: () => adminQuery(TEST_DATABASE_URL, `DROP SCHEMA IF EXISTS ${name} CASCADE`) };
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database on the test server, for processes that only take a URL (multi-node tests). */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const name = uniqueName(prefix);
  const server = new URL(TEST_DATABASE_URL);
  const admin = new URL(TEST_DATABASE_URL);
  admin.pathname = '/postgres';
  await adminQuery(admin.href, `CREATE DATABASE ${name}`);
  server.pathname = `/${name}`;
  return {
    name,
    url: server.href,
    drop: () => adminQuery(admin.href, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
