import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';

/**
 * A user's push rules as they changed them: the `UserPushRules` document of
 * @switchboard/protocol's mergePushRules (their own rules, and their changes to server-default
 * rules), stored whole. Null when the user never changed anything.
 */
@Injectable()
export class PushRulesRepository {
  async get(q: Queryable, userId: string): Promise<unknown> {
    const rows: { rules: unknown }[] = await q.query(`SELECT rules FROM push_rules WHERE user_id = $1`, [
      userId,
    ]);
    return rows.length ? rows[0].rules : null;
  }

  /** The document, locked until `tx` ends, so concurrent changes of one user apply one after the other. */
  async lock(tx: Tx, userId: string): Promise<unknown> {
    await tx.query(
      `INSERT INTO push_rules (user_id, rules) VALUES ($1, '{}') ON CONFLICT (user_id) DO NOTHING`,
      [userId],
    );
    const [{ rules }] = await tx.query(`SELECT rules FROM push_rules WHERE user_id = $1 FOR UPDATE`, [
      userId,
    ]);
    return rules;
  }

  async put(tx: Tx, userId: string, rules: unknown): Promise<void> {
    await tx.query(`UPDATE push_rules SET rules = $2 WHERE user_id = $1`, [userId, JSON.stringify(rules)]);
  }
}
