import type { DataSource } from 'typeorm';
import { BRIDGE_KIT_MIGRATIONS } from './migrations';

/** pg_advisory_xact_lock key: "bridgekit" in ASCII, so several processes migrate one at a time. */
const LOCK = 0x627269646765;

/**
 * Brings the bridge-kit tables up to date: its own migrations, recorded in `bridge_kit_migrations`,
 * apart from the homeserver's. Each runs in one transaction under an advisory lock.
 */
export async function migrateBridgeKit(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `CREATE TABLE IF NOT EXISTS bridge_kit_migrations (name text PRIMARY KEY, run_at timestamptz NOT NULL DEFAULT now())`,
  );
  for (const migration of BRIDGE_KIT_MIGRATIONS) {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      await runner.query(`SELECT pg_advisory_xact_lock($1)`, [LOCK]);
      const done = await runner.query(`SELECT 1 FROM bridge_kit_migrations WHERE name = $1`, [
        migration.name,
      ]);
      if (done.length === 0) {
        for (const statement of migration.up) await runner.query(statement);
        await runner.query(`INSERT INTO bridge_kit_migrations (name) VALUES ($1)`, [migration.name]);
      }
      await runner.commitTransaction();
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw err;
    } finally {
      await runner.release();
    }
  }
}
