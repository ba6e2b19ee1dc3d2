import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** Filters users uploaded for /sync and /messages; the JSON is stored as the client sent it (parsed). */
@Injectable()
export class FiltersRepository {
  /** Stores a filter and returns its ID. */
  async insert(q: Queryable, userId: string, json: string, createdTs: number): Promise<string> {
    const [{ filter_id }] = await q.query(
      `INSERT INTO user_filters (user_id, json, created_ts) VALUES ($1, $2, $3) RETURNING filter_id`,
      [userId, json, createdTs],
    );
    return String(filter_id);
  }

  /** The JSON of a user's filter; null when the ID is unknown or belongs to someone else. */
  async get(q: Queryable, userId: string, filterId: string): Promise<string | null> {
    if (!/^[1-9][0-9]{0,17}$/.test(filterId)) return null;
    const rows = await q.query(`SELECT json FROM user_filters WHERE filter_id = $1 AND user_id = $2`, [
      filterId,
      userId,
    ]);
    return rows.length ? (rows[0].json as string) : null;
  }
}
