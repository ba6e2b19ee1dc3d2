import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';

export interface CurrentStateEntry {
  type: string;
  stateKey: string;
  eventId: string;
}

/** Each room's current state, kept beside the snapshots for fast reads. */
@Injectable()
export class CurrentStateRepository {
  async set(tx: Tx, roomId: string, entry: CurrentStateEntry, streamOrdering: number): Promise<void> {
    await tx.query(
      `INSERT INTO current_state (room_id, type, state_key, event_id, stream_ordering) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (room_id, type, state_key) DO UPDATE SET event_id = $4, stream_ordering = $5`,
      [roomId, entry.type, entry.stateKey, entry.eventId, streamOrdering],
    );
  }

  /**
   * Several entries in one statement; for a key given twice the last one wins, as if set() ran
   * once per entry in order.
   */
  async setMany(
    tx: Tx,
    entries: readonly (CurrentStateEntry & { roomId: string; streamOrdering: number })[],
  ): Promise<void> {
    const last = new Map(entries.map((e) => [JSON.stringify([e.roomId, e.type, e.stateKey]), e]));
    if (last.size === 0) return;
    const rows = [...last.values()];
    await tx.query(
      `INSERT INTO current_state (room_id, type, state_key, event_id, stream_ordering)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[])
       ON CONFLICT (room_id, type, state_key)
         DO UPDATE SET event_id = excluded.event_id, stream_ordering = excluded.stream_ordering`,
      [
        rows.map((r) => r.roomId),
        rows.map((r) => r.type),
        rows.map((r) => r.stateKey),
        rows.map((r) => r.eventId),
        rows.map((r) => r.streamOrdering),
      ],
    );
  }

  async all(q: Queryable, roomId: string): Promise<CurrentStateEntry[]> {
    const rows = await q.query(`SELECT type, state_key, event_id FROM current_state WHERE room_id = $1`, [
      roomId,
    ]);
    return rows.map((r: { type: string; state_key: string; event_id: string }) => ({
      type: r.type,
      stateKey: r.state_key,
      eventId: r.event_id,
    }));
  }

  async get(q: Queryable, roomId: string, type: string, stateKey: string): Promise<string | null> {
    const rows = await q.query(
      `SELECT event_id FROM current_state WHERE room_id = $1 AND type = $2 AND state_key = $3`,
      [roomId, type, stateKey],
    );
    return rows.length ? rows[0].event_id : null;
  }

  /** The current event IDs of some (type, state_key) pairs; absent pairs are left out. */
  async getMany(
    q: Queryable,
    roomId: string,
    keys: readonly { type: string; stateKey: string }[],
  ): Promise<CurrentStateEntry[]> {
    if (keys.length === 0) return [];
    const rows = await q.query(
      `SELECT c.type, c.state_key, c.event_id FROM current_state c
       JOIN unnest($2::text[], $3::text[]) AS k (type, state_key) ON c.type = k.type AND c.state_key = k.state_key
       WHERE c.room_id = $1`,
      [roomId, keys.map((k) => k.type), keys.map((k) => k.stateKey)],
    );
    return rows.map((r: { type: string; state_key: string; event_id: string }) => ({
      type: r.type,
      stateKey: r.state_key,
      eventId: r.event_id,
    }));
  }

  /** State entries of a room that changed in (after, upTo]: the state delta of an incremental sync. */
  async changedSince(
    q: Queryable,
    roomId: string,
    after: number,
    upTo: number,
  ): Promise<CurrentStateEntry[]> {
    const rows = await q.query(
      `SELECT type, state_key, event_id FROM current_state
       WHERE room_id = $1 AND stream_ordering > $2 AND stream_ordering <= $3`,
      [roomId, after, upTo],
    );
    return rows.map((r: { type: string; state_key: string; event_id: string }) => ({
      type: r.type,
      stateKey: r.state_key,
      eventId: r.event_id,
    }));
  }
}
