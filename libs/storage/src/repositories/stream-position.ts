import { Tx } from '../transactions';

/**
 * The next position of a stream numbered by `sequence`. Like EventsRepository.nextStreamOrdering
 * it holds a transaction-scoped advisory lock until commit, so a stream's positions commit in
 * order: a reader that sees position N has seen every lower one. Call it last before commit.
 */
export async function nextStreamPosition(tx: Tx, sequence: string, lock: number): Promise<number> {
  await tx.query(`SELECT pg_advisory_xact_lock($1)`, [lock]);
  const [{ pos }] = await tx.query(`SELECT nextval($1::regclass) AS pos`, [sequence]);
  return Number(pos);
}
