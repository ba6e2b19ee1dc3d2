import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

export interface RoomRow {
  roomId: string;
  roomVersion: string;
  creator: string;
  createdTs: number;
  currentSnapshotId: number | null;
  isPublic: boolean;
}

@Injectable()
export class RoomsRepository {
  async insert(q: Queryable, room: Omit<RoomRow, 'currentSnapshotId' | 'isPublic'>): Promise<void> {
    await q.query(`INSERT INTO rooms (room_id, room_version, creator, created_ts) VALUES ($1, $2, $3, $4)`, [
      room.roomId,
      room.roomVersion,
      room.creator,
      room.createdTs,
    ]);
  }

  async get(q: Queryable, roomId: string): Promise<RoomRow | null> {
    const rows = await q.query(
      `SELECT room_id, room_version, creator, created_ts, current_snapshot_id, is_public FROM rooms WHERE room_id = $1`,
      [roomId],
    );
    return rows.length ? toRoom(rows[0]) : null;
  }

  async setCurrentSnapshot(q: Queryable, roomId: string, snapshotId: number): Promise<void> {
    await q.query(`UPDATE rooms SET current_snapshot_id = $2 WHERE room_id = $1`, [roomId, snapshotId]);
  }

  async setPublic(q: Queryable, roomId: string, isPublic: boolean): Promise<void> {
    await q.query(`UPDATE rooms SET is_public = $2 WHERE room_id = $1`, [roomId, isPublic]);
  }

  async listPublic(q: Queryable): Promise<string[]> {
    const rows = await q.query(`SELECT room_id FROM rooms WHERE is_public ORDER BY created_ts`);
    return rows.map((r: { room_id: string }) => r.room_id);
  }
}

export function toRoom(r: Record<string, unknown>): RoomRow {
  return {
    roomId: r.room_id as string,
    roomVersion: r.room_version as string,
    creator: r.creator as string,
    createdTs: Number(r.created_ts),
    currentSnapshotId: r.current_snapshot_id === null ? null : Number(r.current_snapshot_id),
    isPublic: r.is_public as boolean,
  };
}
