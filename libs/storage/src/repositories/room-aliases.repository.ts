import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

export interface RoomAliasRow {
  alias: string;
  roomId: string;
  /** Who created the mapping: client-server-api lets servers restrict deletion to them. */
  creator: string;
}

/** Local room aliases (client-server-api "Room aliases"): alias → room ID. */
@Injectable()
export class RoomAliasesRepository {
  /** False, and nothing written, when the alias is already taken. */
  async insert(q: Queryable, row: RoomAliasRow): Promise<boolean> {
    const rows = await q.query(
      `INSERT INTO room_aliases (alias, room_id, creator) VALUES ($1, $2, $3)
       ON CONFLICT (alias) DO NOTHING RETURNING alias`,
      [row.alias, row.roomId, row.creator],
    );
    return rows.length === 1;
  }

  async get(q: Queryable, alias: string): Promise<RoomAliasRow | null> {
    const rows = await q.query(`SELECT alias, room_id, creator FROM room_aliases WHERE alias = $1`, [alias]);
    return rows.length ? toRow(rows[0]) : null;
  }

  /** False when there was no such alias. */
  async delete(q: Queryable, alias: string): Promise<boolean> {
    // Wrapped in a CTE: TypeORM answers a bare UPDATE/DELETE ... RETURNING with [rows, count].
    const rows = await q.query(
      `WITH gone AS (DELETE FROM room_aliases WHERE alias = $1 RETURNING alias) SELECT alias FROM gone`,
      [alias],
    );
    return rows.length === 1;
  }

  async forRoom(q: Queryable, roomId: string): Promise<string[]> {
    const rows = await q.query(`SELECT alias FROM room_aliases WHERE room_id = $1 ORDER BY alias`, [roomId]);
    return rows.map((r: { alias: string }) => r.alias);
  }

  /** Points every alias of one room at another (client-server-api room upgrades: "Moves any local aliases"). */
  async moveRoom(q: Queryable, fromRoomId: string, toRoomId: string): Promise<string[]> {
    const rows = await q.query(
      `WITH moved AS (UPDATE room_aliases SET room_id = $2 WHERE room_id = $1 RETURNING alias)
       SELECT alias FROM moved ORDER BY alias`,
      [fromRoomId, toRoomId],
    );
    return rows.map((r: { alias: string }) => r.alias);
  }
}

function toRow(r: Record<string, unknown>): RoomAliasRow {
  return { alias: r.alias as string, roomId: r.room_id as string, creator: r.creator as string };
}
