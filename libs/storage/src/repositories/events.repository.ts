import { Injectable } from '@nestjs/common';
import { Pdu } from '@switchboard/protocol';
import { Queryable, Tx } from '../transactions';

export interface EventRow {
  eventId: string;
  roomId: string;
  /** Null for outliers and rejected events: they are in no stream. */
  streamOrdering: number | null;
  type: string;
  stateKey: string | null;
  sender: string;
  depth: number;
  originServerTs: number;
  pdu: Pdu;
  outlier: boolean;
  softFailed: boolean;
  rejectedReason: string | null;
  /** The state snapshot before this event. */
  snapshotBefore: number | null;
  /** The state snapshot after it: snapshotBefore, plus the event itself for a state event. */
  snapshotAfter: number | null;
  /** For a state event: the event it replaced in the room's state (unsigned.replaces_state). */
  replacesState: string | null;
  redactedBy: string | null;
  /** Set when a local device sent it with a transaction ID (echoed as unsigned.transaction_id). */
  txn: EventTxn | null;
}

export interface EventTxn {
  userId: string;
  deviceId: string;
  txnId: string;
}

export type NewEventRow = Omit<EventRow, 'redactedBy' | 'txn'> & { txn?: EventTxn };

/** The columns every stored event takes from its PDU. */
export function pduColumns(
  pdu: Pdu,
): Pick<NewEventRow, 'type' | 'stateKey' | 'sender' | 'depth' | 'originServerTs' | 'pdu'> {
  return {
    type: pdu.type,
    stateKey: pdu.state_key ?? null,
    sender: pdu.sender,
    depth: pdu.depth,
    originServerTs: pdu.origin_server_ts,
    pdu,
  };
}

// Any constant works; it only has to differ from other advisory locks of this database.
export const STREAM_LOCK = 0x5357_0001;

const COLUMNS = `event_id, room_id, stream_ordering, type, state_key, sender, depth, origin_server_ts, json,
  outlier, soft_failed, rejected_reason, snapshot_before, snapshot_after, replaces_state, redacted_by, txn_user_id, txn_device_id, txn_id`;

@Injectable()
export class EventsRepository {
  /**
   * The next stream position. It takes a transaction-scoped lock that is held until commit, so
   * transactions commit in position order: a reader that sees position N has seen every position
   * below N that will ever exist. Call it last, just before commit, to hold the lock briefly.
   */
  async nextStreamOrdering(tx: Tx): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [STREAM_LOCK]);
    const [{ pos }] = await tx.query(`SELECT nextval('events_stream_seq') AS pos`);
    return Number(pos);
  }

  /**
   * `count` positions for backfilled history, ascending, each below every position handed out so
   * far (a descending sequence of negative numbers): the caller gives the lowest to the oldest.
   */
  async reserveBackfillOrderings(q: Queryable, count: number): Promise<number[]> {
    if (count <= 0) return [];
    const rows: { pos: string }[] = await q.query(
      `SELECT nextval('events_backfill_seq') AS pos FROM generate_series(1, $1)`,
      [count],
    );
    return rows.map((r) => Number(r.pos)).sort((a, b) => a - b);
  }

  /** The highest committed stream position (0 when there are no events). */
  async maxStreamOrdering(q: Queryable): Promise<number> {
    const [{ pos }] = await q.query(`SELECT COALESCE(MAX(stream_ordering), 0) AS pos FROM events`);
    return Number(pos);
  }

  async insert(tx: Tx, row: NewEventRow): Promise<void> {
    await tx.query(
      `INSERT INTO events (event_id, room_id, stream_ordering, type, state_key, sender, depth, origin_server_ts,
         json, outlier, soft_failed, rejected_reason, snapshot_before, snapshot_after, replaces_state,
         txn_user_id, txn_device_id, txn_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        row.eventId,
        row.roomId,
        row.streamOrdering,
        row.type,
        row.stateKey,
        row.sender,
        row.depth,
        row.originServerTs,
        JSON.stringify(row.pdu),
        row.outlier,
        row.softFailed,
        row.rejectedReason,
        row.snapshotBefore,
        row.snapshotAfter,
        row.replacesState,
        row.txn?.userId ?? null,
        row.txn?.deviceId ?? null,
        row.txn?.txnId ?? null,
      ],
    );
  }

  /** An outlier is replaced by the full row once the event can be placed in its room. */
  async deleteOutlier(tx: Tx, eventId: string): Promise<void> {
    await tx.query(`DELETE FROM events WHERE event_id = $1 AND outlier`, [eventId]);
  }

  async get(q: Queryable, eventId: string): Promise<EventRow | null> {
    const rows = await q.query(`SELECT ${COLUMNS} FROM events WHERE event_id = $1`, [eventId]);
    return rows.length ? toEvent(rows[0]) : null;
  }

  async getMany(q: Queryable, eventIds: readonly string[]): Promise<Map<string, EventRow>> {
    if (eventIds.length === 0) return new Map();
    const rows = await q.query(`SELECT ${COLUMNS} FROM events WHERE event_id = ANY($1)`, [eventIds]);
    return new Map(rows.map((r: Record<string, unknown>) => [r.event_id as string, toEvent(r)]));
  }

  /** The event a device already sent with this transaction ID in this room, if any. */
  async findByTxn(q: Queryable, roomId: string, txn: EventTxn): Promise<string | null> {
    const rows = await q.query(
      `SELECT event_id FROM events WHERE room_id = $1 AND txn_user_id = $2 AND txn_device_id = $3 AND txn_id = $4`,
      [roomId, txn.userId, txn.deviceId, txn.txnId],
    );
    return rows.length ? rows[0].event_id : null;
  }

  async setRedactedBy(tx: Tx, eventId: string, redactionEventId: string): Promise<void> {
    await tx.query(`UPDATE events SET redacted_by = $2 WHERE event_id = $1 AND redacted_by IS NULL`, [
      eventId,
      redactionEventId,
    ]);
  }

  /**
   * Timeline events of a room with positions in (after, upTo], newest first when `newestFirst`,
   * at most `limit`. Soft-failed and rejected events are never served, nor outliers: an invite
   * from another server has a position (for the user's /sync) but no place in the room's history,
   * and no state before it to build on once the user has joined.
   */
  async timeline(
    q: Queryable,
    roomId: string,
    range: { after: number; upTo: number; limit: number; newestFirst: boolean },
  ): Promise<EventRow[]> {
    const rows = await q.query(
      `SELECT ${COLUMNS} FROM events
       WHERE room_id = $1 AND stream_ordering > $2 AND stream_ordering <= $3
         AND NOT outlier AND NOT soft_failed AND rejected_reason IS NULL
       ORDER BY stream_ordering ${range.newestFirst ? 'DESC' : 'ASC'}
       LIMIT $4`,
      [roomId, range.after, range.upTo, range.limit],
    );
    return rows.map(toEvent);
  }

  /** Which of `roomIds` have timeline events in (after, upTo]. */
  async roomsWithEvents(
    q: Queryable,
    roomIds: readonly string[],
    after: number,
    upTo: number,
  ): Promise<string[]> {
    if (roomIds.length === 0) return [];
    const rows = await q.query(
      `SELECT DISTINCT room_id FROM events
       WHERE room_id = ANY($1) AND stream_ordering > $2 AND stream_ordering <= $3
         AND NOT soft_failed AND rejected_reason IS NULL`,
      [roomIds, after, upTo],
    );
    return rows.map((r: { room_id: string }) => r.room_id);
  }

  /** The newest timeline event of a room at or before `ts` (forwards: at or after). */
  async closestToTimestamp(
    q: Queryable,
    roomId: string,
    ts: number,
    forwards: boolean,
  ): Promise<EventRow | null> {
    const rows = await q.query(
      `SELECT ${COLUMNS} FROM events
       WHERE room_id = $1 AND stream_ordering IS NOT NULL AND NOT soft_failed AND rejected_reason IS NULL
         AND origin_server_ts ${forwards ? '>=' : '<='} $2
       ORDER BY origin_server_ts ${forwards ? 'ASC' : 'DESC'}, stream_ordering ${forwards ? 'ASC' : 'DESC'}
       LIMIT 1`,
      [roomId, ts],
    );
    return rows.length ? toEvent(rows[0]) : null;
  }
}

function toEvent(r: Record<string, unknown>): EventRow {
  return {
    eventId: r.event_id as string,
    roomId: r.room_id as string,
    streamOrdering: r.stream_ordering === null ? null : Number(r.stream_ordering),
    type: r.type as string,
    stateKey: r.state_key as string | null,
    sender: r.sender as string,
    depth: Number(r.depth),
    originServerTs: Number(r.origin_server_ts),
    pdu: JSON.parse(r.json as string) as Pdu,
    outlier: r.outlier as boolean,
    softFailed: r.soft_failed as boolean,
    rejectedReason: r.rejected_reason as string | null,
    snapshotBefore: r.snapshot_before === null ? null : Number(r.snapshot_before),
    snapshotAfter: r.snapshot_after === null ? null : Number(r.snapshot_after),
    replacesState: r.replaces_state as string | null,
    redactedBy: r.redacted_by as string | null,
    txn:
      r.txn_id === null
        ? null
        : { userId: r.txn_user_id as string, deviceId: r.txn_device_id as string, txnId: r.txn_id as string },
  };
}
