import { Injectable } from '@nestjs/common';
import { splitStateKey, StateMap, stateKey } from '@switchboard/protocol';
import { Queryable, Tx } from '../transactions';

/**
 * ARCHITECTURE.md "State": a snapshot is a parent plus a delta, with a full copy every
 * FULL_COPY_EVERY levels so reading one never walks far. A delta entry with a null event ID
 * removes that key.
 */
const FULL_COPY_EVERY = 16;

/**
 * Snapshots never change once written and their ids come from a sequence (never reused, even
 * after a rollback), so the most recently read ones are kept: visibility checks and /sync read
 * the same few snapshots on every wake-up.
 */
const CACHED_SNAPSHOTS = 64;

@Injectable()
export class StateSnapshotsRepository {
  private readonly cache = new Map<number, StateMap<string>>();

  /**
   * Stores the state `parent` + `changes` and returns its id. `changes` maps protocol state keys
   * (stateKey(type, key)) to event IDs, or to null for a removal.
   */
  async create(
    tx: Tx,
    roomId: string,
    parentId: number | null,
    changes: ReadonlyMap<string, string | null>,
  ): Promise<number> {
    let chainLength = 0;
    let base: number | null = parentId;
    let entries = changes;
    if (parentId !== null) {
      const [{ chain_length }] = await tx.query(
        `SELECT chain_length FROM state_snapshots WHERE snapshot_id = $1`,
        [parentId],
      );
      chainLength = Number(chain_length) + 1;
      if (chainLength >= FULL_COPY_EVERY) {
        const full = new Map<string, string | null>(await this.load(tx, parentId));
        for (const [key, eventId] of changes) full.set(key, eventId);
        entries = full;
        base = null;
        chainLength = 0;
      }
    }
    const [{ snapshot_id }] = await tx.query(
      `INSERT INTO state_snapshots (room_id, parent_id, chain_length) VALUES ($1, $2, $3) RETURNING snapshot_id`,
      [roomId, base, chainLength],
    );
    const id = Number(snapshot_id);
    const types: string[] = [];
    const keys: string[] = [];
    const eventIds: (string | null)[] = [];
    for (const [key, eventId] of entries) {
      if (base === null && eventId === null) continue;
      const [type, sk] = splitStateKey(key);
      types.push(type);
      keys.push(sk);
      eventIds.push(eventId);
    }
    if (types.length > 0) {
      await tx.query(
        `INSERT INTO state_snapshot_entries (snapshot_id, type, state_key, event_id)
         SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])`,
        [id, types, keys, eventIds],
      );
    }
    return id;
  }

  /** The whole state of a snapshot: protocol state key → event ID (a copy the caller may change). */
  async load(q: Queryable, snapshotId: number): Promise<StateMap<string>> {
    let state = this.cache.get(snapshotId);
    if (state) {
      this.cache.delete(snapshotId);
    } else {
      state = await this.read(q, snapshotId);
      if (this.cache.size >= CACHED_SNAPSHOTS) this.cache.delete(this.cache.keys().next().value as number);
    }
    this.cache.set(snapshotId, state);
    return new Map(state);
  }

  private async read(q: Queryable, snapshotId: number): Promise<Map<string, string>> {
    const rows: { type: string; state_key: string; event_id: string | null; depth: number }[] = await q.query(
      `WITH RECURSIVE chain (snapshot_id, parent_id, depth) AS (
         SELECT snapshot_id, parent_id, 0 FROM state_snapshots WHERE snapshot_id = $1
         UNION ALL
         SELECT s.snapshot_id, s.parent_id, c.depth + 1 FROM state_snapshots s JOIN chain c ON s.snapshot_id = c.parent_id
       )
       SELECT e.type, e.state_key, e.event_id, c.depth
       FROM chain c JOIN state_snapshot_entries e ON e.snapshot_id = c.snapshot_id
       ORDER BY c.depth DESC`,
      [snapshotId],
    );
    const state = new Map<string, string>();
    for (const row of rows) {
      const key = stateKey(row.type, row.state_key);
      if (row.event_id === null) state.delete(key);
      else state.set(key, row.event_id);
    }
    return state;
  }
}
