import { Command } from 'commander';
import { openDatabase } from '@switchboard/storage';
import { loadConfig } from '@switchboard/config';
import { embeddedDatabaseDir } from '../data-dir';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('bring the database schema up to date (the server also does this at start)')
    .option('-c, --config <path>', 'homeserver.yaml (default: $SWITCHBOARD_CONFIG or config/homeserver.yaml)')
    .action(async (opts: { config?: string }) => {
      const config = loadConfig({ path: opts.config });
      const db = await openDatabase({ url: config.database.url, embeddedDir: embeddedDatabaseDir(config) });
      const applied = await db.dataSource.query(`SELECT name FROM migrations ORDER BY id`);
      await db.close();
      process.stdout.write(`database is up to date (${applied.length} migrations applied)\n`);
    });
}
