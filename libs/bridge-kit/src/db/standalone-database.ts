import { mkdir } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { startEmbeddedPostgres } from '@switchboard/storage';

/**
 * The database of a bridge running as its own process: PostgreSQL at `url`, or the embedded PGlite
 * in `dataDir` (in memory when null). Only the kit's tables live there (openBridgeStore migrates).
 */
export async function openStandaloneDatabase(options: {
  url: string | null;
  dataDir: string | null;
}): Promise<{ dataSource: DataSource; close(): Promise<void> }> {
  if (!options.url && options.dataDir) await mkdir(options.dataDir, { recursive: true });
  const embedded = options.url ? null : await startEmbeddedPostgres(options.dataDir);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url ?? embedded!.url,
    synchronize: false,
    logging: false,
    // PGlite is a single session.
    extra: { max: embedded ? 1 : 10 },
  });
  try {
    await dataSource.initialize();
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  return {
    dataSource,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
