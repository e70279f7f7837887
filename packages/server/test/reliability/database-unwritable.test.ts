import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pino from 'pino';
import { type App, createApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { resolveConfig } from '../../src/config.js';
import { createSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { StoreUnavailableError } from '../../src/store/store-unavailable-error.js';
import { countingRandom } from '../helpers/test-app.js';
import { countingReceiver } from './support/counting-receiver.js';

/**
 * The database cannot be written while events are published (docs/reliability.md). Three ways:
 *
 * 1. a Store wrapper whose `publish` throws SQLITE_READONLY- or SQLITE_FULL-coded errors as the
 *    SQLite store raises them, a StoreUnavailableError (runs everywhere, but fails before SQLite
 *    is touched);
 * 2. the real SQLite file and its WAL made immutable with `chattr +i`, which stops even root
 *    (plain chmod does not): SQLite fails inside the transaction with SQLITE_IOERR_WRITE;
 * 3. a real full disk: the data directory on a small tmpfs, filled up: SQLITE_FULL mid-write.
 *
 * 2 and 3 need root and an ext4 /tmp or tmpfs mounts; where those are not available they are
 * skipped with the reason. Each time: the publisher gets 503 CMN-201 with Retry-After, nothing
 * is half-written (no event without its deliveries), and publishing — and delivering what was
 * then published — recovers when the fault clears.
 */

const PATH = '/restapi/v1.0/account/1001/extension/2001/message-store';
/** Bodies large enough that SQLite must grow its files, so a full disk really is hit. */
const PAD = 'x'.repeat(20_000);

interface Fault {
  /** Where the database lives; the fault acts on this directory's files. */
  dir: string;
  wrap?: (store: Store) => Store;
  on(): void;
  off(): void;
}

async function scenario(fault: Fault) {
  const filename = join(fault.dir, 'switchboard.db');
  const config = resolveConfig({ flags: { port: 0, logLevel: 'silent', dataDir: fault.dir } });
  const real = createSqliteStore({ filename });
  // The API logs each 503 at warn with the store's error: its code says what SQLite met.
  const codes: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      const line = JSON.parse(String(chunk)) as { err?: { code?: string } };
      if (line.err?.code) codes.push(line.err.code);
      done();
    },
  });
  const app: App = await createApp({
    config,
    clock: new ManualClock(),
    random: countingRandom(),
    logger: pino({ level: 'warn' }, sink),
    store: fault.wrap ? fault.wrap(real) : real,
  });
  const receiver = await countingReceiver();
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await app.api.inject({
      method: method as 'GET',
      url,
      headers: {
        authorization: `Bearer ${app.createdAdminToken}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { payload: JSON.stringify(body) } : {}),
    });
    return { status: res.statusCode, headers: res.headers, json: JSON.parse(res.body) };
  };
  const event = (seq: number) => ({ id: `seq-${seq}`, event: PATH, body: { seq, pad: PAD } });
  const single = (seq: number) => call('POST', '/v1/events', event(seq));
  const batch = (from: number, n: number) =>
    call('POST', '/v1/events', { events: Array.from({ length: n }, (_, i) => event(from + i)) });

  try {
    const created = await call('POST', '/restapi/v1.0/subscription', {
      eventFilters: ['/restapi/v1.0/account/~/extension/~/message-store'],
      deliveryMode: { transportType: 'WebHook', address: receiver.url },
    });
    assert.equal(created.status, 200);
    assert.equal((await single(0)).status, 202);

    fault.on();
    let refused = 0;
    try {
      for (const answer of [await single(1), await batch(100, 40), await single(2)]) {
        assert.equal(answer.status, 503, JSON.stringify(answer.json).slice(0, 300));
        assert.equal(answer.json.errorCode, 'CMN-201');
        assert.match(answer.json.message, /the store cannot write right now; retry later/);
        assert.equal(answer.headers['retry-after'], '5');
        refused++;
      }
      assert.equal((await call('GET', '/healthz')).status, 200, 'the process stays up');
    } finally {
      fault.off();
    }

    // Nothing half-written: every event has exactly its deliveries; none of the refused exists.
    const check = new Database(filename, { readonly: true, fileMustExist: true });
    try {
      const orphans = check
        .prepare(
          `SELECT count(*) AS n FROM events e
           WHERE e.matched != (SELECT count(*) FROM deliveries d WHERE d.event_id = e.id)`,
        )
        .get() as { n: number };
      assert.equal(orphans.n, 0, 'no event without its deliveries');
      const events = check.prepare('SELECT publisher_id FROM events ORDER BY created_at').all();
      assert.deepEqual(events, [{ publisher_id: 'seq-0' }], 'only the event published before the fault');
    } finally {
      check.close();
    }

    // Recovery: the same publishes (same ids) now succeed and create the events.
    for (const answer of [await single(1), await batch(100, 40), await single(2)]) {
      assert.equal(answer.status, 202, JSON.stringify(answer.json).slice(0, 300));
    }
    while ((await app.dispatcher.runOnce()) > 0);
    assert.equal(receiver.seen.size, 43, 'everything published is delivered');
    return { refused, codes: [...new Set(codes)] };
  } finally {
    await app.stop();
    await receiver.close();
  }
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'switchboard-unwritable-'));
}

describe('the database cannot be written during publish', () => {
  for (const code of ['SQLITE_READONLY', 'SQLITE_FULL']) {
    it(`a store that throws ${code}: 503 CMN-201, nothing written, recovers`, async () => {
      const dir = tempDir();
      let failing = false;
      try {
        await scenario({
          dir,
          wrap: (store) =>
            new Proxy(store, {
              get: (target, prop, receiver) =>
                prop === 'publish' && failing
                  ? async () => {
                      throw new StoreUnavailableError(
                        Object.assign(new Error(`simulated ${code}`), { code }),
                      );
                    }
                  : Reflect.get(target, prop, receiver),
            }),
          on: () => {
            failing = true;
          },
          off: () => {
            failing = false;
          },
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('the real SQLite file and WAL immutable (chattr +i, which stops root too)', async (t) => {
    const dir = tempDir();
    const files = ['switchboard.db', 'switchboard.db-wal'].map((f) => join(dir, f));
    const chattr = (flag: string) => {
      for (const file of files) execFileSync('chattr', [flag, file], { stdio: 'ignore' });
    };
    try {
      // Probe first: chattr needs root (CAP_LINUX_IMMUTABLE) and a filesystem that supports it.
      const probe = join(dir, 'probe');
      closeSync(openSync(probe, 'w'));
      try {
        execFileSync('chattr', ['+i', probe], { stdio: 'ignore' });
        execFileSync('chattr', ['-i', probe], { stdio: 'ignore' });
      } catch {
        // CI runs as root on ext4: there the case must run, never skip.
        assert.notEqual(process.env.CI, 'true', 'chattr +i must work under CI (root, ext4)');
        t.skip('chattr +i is not available here (needs root and ext4 or similar)');
        return;
      }
      // The -shm file is memory-mapped: making it immutable kills the process with SIGBUS.
      const { refused, codes } = await scenario({ dir, on: () => chattr('+i'), off: () => chattr('-i') });
      assert.ok(codes.length > 0, 'SQLite reported the write failure');
      assert.ok(
        codes.every((c) => c.startsWith('SQLITE_IOERR') || c.startsWith('SQLITE_READONLY')),
        codes.join(),
      );
      t.diagnostic(
        `immutable file: ${refused} publishes refused with 503 (SQLite said ${codes.join(', ')}), then recovered`,
      );
    } finally {
      try {
        chattr('-i');
      } catch {}
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a real full disk (the data directory on a small tmpfs, filled up)', async (t) => {
    const dir = tempDir();
    const mount = join(dir, 'disk');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      rmSync(dir, { recursive: true, force: true });
      assert.notEqual(process.env.CI, 'true', 'mounting a tmpfs must work under CI (root)');
      t.skip('cannot mount a tmpfs here (needs root)');
      return;
    }
    const filler = join(mount, 'filler');
    try {
      const { refused, codes } = await scenario({
        dir: mount,
        on: () => {
          const fd = openSync(filler, 'w');
          const chunk = Buffer.alloc(64 * 1024);
          try {
            for (;;) writeSync(fd, chunk);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
          } finally {
            closeSync(fd);
          }
        },
        off: () => unlinkSync(filler),
      });
      assert.deepEqual(codes, ['SQLITE_FULL']);
      t.diagnostic(
        `full disk: ${refused} publishes refused with 503 (SQLite said ${codes.join(', ')}), then recovered`,
      );
    } finally {
      execFileSync('umount', [mount], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
