import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { DatabaseKind } from './storage.tokens';

export interface DatabaseOptions {
  /** postgres:// URL, or null for the embedded PGlite. */
  url: string | null;
  /** Where the embedded database lives; null keeps it in memory. */
  embeddedDir: string | null;
  poolSize?: number;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

/** Opens the database and brings its schema up to date; migrations run in one transaction each. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const embedded = options.url ? null : await startEmbeddedPostgres(options.embeddedDir);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url ?? embedded!.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // PGlite is a single session: one connection keeps transactions from interleaving.
    extra: { max: embedded ? 1 : (options.poolSize ?? 10) },
  });
  try {
    await dataSource.initialize();
    await dataSource.runMigrations();
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw err;
  }
  return {
    kind: embedded ? 'pglite' : 'postgres',
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
