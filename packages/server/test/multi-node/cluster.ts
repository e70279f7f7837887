import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type ServerProcess, startServerProcess, waitForExit } from '../helpers/server-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-postgres.js';

export interface ClusterNode {
  name: string;
  server: ServerProcess | null;
}

/**
 * N `switchboard serve` processes on one throwaway PostgreSQL database. The first node starts
 * alone (it migrates and creates the admin token, which it writes to the shared data directory),
 * the others start together after it.
 */
export class Cluster {
  private client: pg.Client | null = null;

  private constructor(
    readonly nodes: ClusterNode[],
    readonly database: TestDatabase,
    private readonly dataDir: string,
    private readonly env: Record<string, string>,
  ) {}

  static async start(size: number, env: Record<string, string>): Promise<Cluster> {
    const database = await createTestDatabase('multinode');
    const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-multinode-'));
    const cluster = new Cluster(
      Array.from({ length: size }, (_, i) => ({ name: `node${i + 1}`, server: null })),
      database,
      dataDir,
      env,
    );
    try {
      await cluster.startNode(0);
      await Promise.all(cluster.nodes.slice(1).map((_, i) => cluster.startNode(i + 1)));
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  async startNode(i: number): Promise<ServerProcess> {
    const node = this.nodes[i];
    if (!node) throw new Error(`no node ${i}`);
    node.server = await startServerProcess(this.dataDir, this.env, this.database.url);
    return node.server;
  }

  live(): ServerProcess[] {
    return this.nodes.flatMap((n) => (n.server && n.server.child.exitCode === null ? [n.server] : []));
  }

  /** pid → node name, for telling which process sent a notification. */
  pids(): Map<number, string> {
    return new Map(this.nodes.flatMap((n) => (n.server?.child.pid ? [[n.server.child.pid, n.name]] : [])));
  }

  async kill(i: number): Promise<void> {
    const server = this.nodes[i]?.server;
    if (!server) return;
    server.child.kill('SIGKILL');
    await waitForExit(server.child);
  }

  /** A query on the cluster's database from the test (not through a node). */
  async query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
    if (!this.client) {
      const client = new pg.Client({ connectionString: this.database.url });
      client.on('error', () => {
        if (this.client === client) this.client = null;
      });
      await client.connect();
      this.client = client;
    }
    try {
      return (await this.client.query<T>(sql)).rows;
    } catch (err) {
      // A connection cut by a database restart: open a new one next time.
      await this.client?.end().catch(() => undefined);
      this.client = null;
      throw err;
    }
  }

  /** Every node gets SIGTERM (SIGKILL after 10 s), then the database and data directory go. */
  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(async (n) => {
        const child = n.server?.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await waitForExit(child);
        clearTimeout(timer);
      }),
    );
    await this.client?.end().catch(() => undefined);
    await this.database.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  output(): string {
    return this.nodes.map((n) => `--- ${n.name}\n${n.server?.output() ?? ''}`).join('\n');
  }
}
