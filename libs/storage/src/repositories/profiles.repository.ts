import { Injectable } from '@nestjs/common';
import { JsonObject } from '@switchboard/protocol';
import { Queryable, Tx } from '../transactions';

/** Each local user's profile fields (displayname, avatar_url, m.tz, custom keys) as one object. */
@Injectable()
export class ProfilesRepository {
  /** The stored fields, or null for a user whose profile was never written. */
  async get(q: Queryable, userId: string): Promise<JsonObject | null> {
    const rows = await q.query(`SELECT fields FROM profiles WHERE user_id = $1`, [userId]);
    return rows.length ? (rows[0].fields as JsonObject) : null;
  }

  /**
   * The fields, locked until the transaction ends so that concurrent edits of one profile apply
   * one after the other; a missing profile is first created with `initial`.
   */
  async getForUpdate(tx: Tx, userId: string, initial: JsonObject): Promise<JsonObject> {
    await tx.query(
      `INSERT INTO profiles (user_id, fields) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING`,
      [userId, initial],
    );
    const [row] = await tx.query(`SELECT fields FROM profiles WHERE user_id = $1 FOR UPDATE`, [userId]);
    return row.fields as JsonObject;
  }

  async put(tx: Tx, userId: string, fields: JsonObject): Promise<void> {
    await tx.query(`UPDATE profiles SET fields = $2 WHERE user_id = $1`, [userId, fields]);
  }
}
