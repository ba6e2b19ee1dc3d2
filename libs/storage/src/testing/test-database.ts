import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database, openDatabase } from '../database';
import { DatabaseKind } from '../storage.tokens';

/** PGlite always; real PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). */
export function testDatabaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * A fresh, migrated database of its own: an in-memory PGlite, or a new database on the server of
 * TEST_DATABASE_URL that close() drops again.
 */
export async function openTestDatabase(kind: DatabaseKind = testDatabaseKinds()[0]): Promise<Database> {
  if (kind === 'pglite') return openDatabase({ url: null, embeddedDir: null });
  const scratch = await createScratchDatabase();
  const db = await openDatabase({ url: scratch.url, embeddedDir: null, poolSize: 4 }).catch(async (err) => {
    await scratch.drop();
    throw err;
  });
  return {
    ...db,
    async close() {
      await db.close();
      await scratch.drop();
    },
  };
}

/** An empty database of its own on the server of TEST_DATABASE_URL; drop() removes it. */
export async function createScratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `switchboard_test_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

const OPEN_TIMEOUT_MS = 120_000;

/** Runs `body` once per database kind, each time on a fresh database opened before and closed after. */
export function describeWithAllDatabases(title: string, body: (db: () => Database) => void): void {
  for (const kind of testDatabaseKinds()) {
    describe(`${title} [${kind}]`, () => {
      let db: Database | undefined;
      // A fresh PGlite runs every migration in WebAssembly: tens of seconds on a busy 2-core host.
      beforeAll(async () => {
        db = await openTestDatabase(kind);
      }, OPEN_TIMEOUT_MS);
      afterAll(async () => {
        await db?.close();
      });
      body(() => {
        if (!db) throw new Error('the test database is not open');
        return db;
      });
    });
  }
}

async function withAdmin<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
