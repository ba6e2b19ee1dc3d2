import { Injectable } from '@nestjs/common';
import { JsonObject } from '@switchboard/protocol';
import { Queryable, Tx } from '../transactions';
import { nextStreamPosition } from './stream-position';

export interface AccountDataRow {
  userId: string;
  /** Null for global account data. */
  roomId: string | null;
  type: string;
  content: JsonObject;
  streamId: number;
}

// Differs from every other advisory lock of the database (see EventsRepository).
const ACCOUNT_DATA_LOCK = 0x5357_0004;
const GLOBAL = '';

/** Account data, global and per room (modules/account_data.md), a /sync stream. */
@Injectable()
export class AccountDataRepository {
  /** Stores the content and returns its stream position. */
  async put(
    tx: Tx,
    userId: string,
    roomId: string | null,
    type: string,
    content: JsonObject,
  ): Promise<number> {
    const position = await nextStreamPosition(tx, 'account_data_stream_seq', ACCOUNT_DATA_LOCK);
    await tx.query(
      `INSERT INTO account_data (user_id, room_id, type, content, stream_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (user_id, room_id, type) DO UPDATE SET content = $4, stream_id = $5`,
      [userId, roomId ?? GLOBAL, type, content, position],
    );
    return position;
  }

  async get(q: Queryable, userId: string, roomId: string | null, type: string): Promise<JsonObject | null> {
    const rows = await q.query(
      `SELECT content FROM account_data WHERE user_id = $1 AND room_id = $2 AND type = $3`,
      [userId, roomId ?? GLOBAL, type],
    );
    return rows.length ? (rows[0].content as JsonObject) : null;
  }

  async maxStreamId(q: Queryable): Promise<number> {
    const [{ pos }] = await q.query(`SELECT COALESCE(MAX(stream_id), 0) AS pos FROM account_data`);
    return Number(pos);
  }

  /** The user's account data written in (after, upTo]; with after = 0, all of it as of upTo. */
  async changed(q: Queryable, userId: string, after: number, upTo: number): Promise<AccountDataRow[]> {
    const rows = await q.query(
      `SELECT * FROM account_data WHERE user_id = $1 AND stream_id > $2 AND stream_id <= $3 ORDER BY stream_id`,
      [userId, after, upTo],
    );
    return rows.map(toAccountData);
  }
}

function toAccountData(r: Record<string, unknown>): AccountDataRow {
  return {
    userId: r.user_id as string,
    roomId: r.room_id === GLOBAL ? null : (r.room_id as string),
    type: r.type as string,
    content: r.content as JsonObject,
    streamId: Number(r.stream_id),
  };
}
