import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';
import { indexingCtes, IndexedEvent } from './event-indexes';
import { EventTxn, NewEventRow, STREAM_LOCK } from './events.repository';
import { RoomRow, toRoom } from './rooms.repository';
import { pairs } from './unnest-pairs';

/** What a batch of sends needs to know about its rooms before it builds its events. */
export interface SendContext {
  /** Events the same devices already sent with the same transaction IDs into the same rooms. */
  stored: { roomId: string; txn: EventTxn; eventId: string }[];
  rooms: Map<string, RoomRow>;
  /** Each room's forward extremities, sorted; a room without any maps to an empty list. */
  extremities: Map<string, string[]>;
  /** The wanted current state entries that exist. */
  state: { roomId: string; type: string; stateKey: string; eventId: string }[];
}

/** A new event of a batch of sends: accepted, in the room's timeline, its position still to come. */
export type BatchEventRow = Omit<NewEventRow, 'streamOrdering' | 'outlier' | 'softFailed' | 'rejectedReason'>;

/**
 * The storage side of group commit (libs/rooms SendPerform): a batch of sends reads its rooms in
 * one round trip and writes its events in one more, whatever the batch's size. Each round trip is
 * about a millisecond here, more than building and signing an event, so they set the send rate.
 */
@Injectable()
export class EventBatchRepository {
  /** Run with the batch's rooms locked: their extremities and state cannot move underneath. */
  async readSendContext(
    q: Queryable,
    wanted: {
      txns: readonly { roomId: string; txn: EventTxn }[];
      roomIds: readonly string[];
      stateKeys: readonly { roomId: string; type: string; stateKey: string }[];
    },
  ): Promise<SendContext> {
    const [row]: { stored: string[][]; rooms: unknown[][]; extremities: string[][]; state: string[][] }[] =
      await q.query(
        `SELECT
           (SELECT COALESCE(json_agg(json_build_array(e.room_id, e.txn_user_id, e.txn_device_id, e.txn_id, e.event_id)), '[]')
            FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS w (room_id, user_id, device_id, txn_id)
            JOIN events e ON e.room_id = w.room_id AND e.txn_user_id = w.user_id
              AND e.txn_device_id = w.device_id AND e.txn_id = w.txn_id) AS stored,
           (SELECT COALESCE(json_agg(json_build_object('room_id', room_id, 'room_version', room_version,
              'creator', creator, 'created_ts', created_ts, 'current_snapshot_id', current_snapshot_id,
              'is_public', is_public)), '[]')
            FROM rooms WHERE room_id = ANY($5)) AS rooms,
           (SELECT COALESCE(json_agg(json_build_array(room_id, event_id) ORDER BY room_id, event_id), '[]')
            FROM forward_extremities WHERE room_id = ANY($5)) AS extremities,
           (SELECT COALESCE(json_agg(json_build_array(c.room_id, c.type, c.state_key, c.event_id)), '[]')
            FROM current_state c JOIN unnest($6::text[], $7::text[], $8::text[]) AS k (room_id, type, state_key)
              ON c.room_id = k.room_id AND c.type = k.type AND c.state_key = k.state_key) AS state`,
        [
          wanted.txns.map((w) => w.roomId),
          wanted.txns.map((w) => w.txn.userId),
          wanted.txns.map((w) => w.txn.deviceId),
          wanted.txns.map((w) => w.txn.txnId),
          wanted.roomIds,
          wanted.stateKeys.map((k) => k.roomId),
          wanted.stateKeys.map((k) => k.type),
          wanted.stateKeys.map((k) => k.stateKey),
        ],
      );
    const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;
    const extremities = new Map<string, string[]>(wanted.roomIds.map((id) => [id, []]));
    for (const [roomId, eventId] of json<string[][]>(row.extremities)) extremities.get(roomId)?.push(eventId);
    return {
      stored: json<string[][]>(row.stored).map(([roomId, userId, deviceId, txnId, eventId]) => ({
        roomId,
        txn: { userId, deviceId, txnId },
        eventId,
      })),
      rooms: new Map(json<Record<string, unknown>[]>(row.rooms).map((r) => [r.room_id as string, toRoom(r)])),
      extremities,
      state: json<string[][]>(row.state).map(([roomId, type, stateKey, eventId]) => ({
        roomId,
        type,
        stateKey,
        eventId,
      })),
    };
  }

  /**
   * Stores the batch's events with their edges and indexes and moves its rooms' extremities, in one statement
   * that also takes the stream lock and the events' stream positions, ascending in the order
   * given. The lock is held until commit, so transactions commit in position order: a reader that
   * sees position N has seen every position below N that will ever exist. Returns the positions.
   */
  async insert(
    tx: Tx,
    rows: readonly BatchEventRow[],
    edges: readonly { eventId: string; prevEventIds: readonly string[]; authEventIds: readonly string[] }[],
    extremities: readonly { roomId: string; removed: readonly string[]; added: readonly string[] }[],
  ): Promise<number[]> {
    if (rows.length === 0) return [];
    const [prevFrom, prevTo] = pairs(
      edges,
      (e) => e.eventId,
      (e) => e.prevEventIds,
    );
    const [authFrom, authTo] = pairs(
      edges,
      (e) => e.eventId,
      (e) => e.authEventIds,
    );
    const [removedRooms, removedIds] = pairs(
      extremities,
      (c) => c.roomId,
      (c) => c.removed,
    );
    const [addedRooms, addedIds] = pairs(
      extremities,
      (c) => c.roomId,
      (c) => c.added,
    );
    const indexing = indexingCtes(rows, 24);
    // The lock is a materialised CTE that every position joins, so it is taken before any nextval;
    // positions are handed out in row order by rank, whatever order nextval ran in.
    const inserted: { event_id: string; stream_ordering: string }[] = await tx.query(
      `WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock($1)),
       allocated AS MATERIALIZED (
         SELECT nextval('events_stream_seq') AS pos FROM locked, generate_series(1, cardinality($2::text[]))
       ),
       ranked AS (SELECT pos, row_number() OVER (ORDER BY pos) AS ord FROM allocated),
       batch AS (
         SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
           $8::bigint[], $9::text[], $10::bigint[], $11::bigint[], $12::text[], $13::text[], $14::text[],
           $15::text[])
         WITH ORDINALITY AS b (event_id, room_id, type, state_key, sender, depth, origin_server_ts, json,
           snapshot_before, snapshot_after, replaces_state, txn_user_id, txn_device_id, txn_id, ord)
       ),
       events_in AS (
         INSERT INTO events (event_id, room_id, stream_ordering, type, state_key, sender, depth, origin_server_ts,
           json, outlier, soft_failed, rejected_reason, snapshot_before, snapshot_after, replaces_state,
           txn_user_id, txn_device_id, txn_id)
         SELECT b.event_id, b.room_id, r.pos, b.type, b.state_key, b.sender, b.depth, b.origin_server_ts,
           b.json, false, false, NULL, b.snapshot_before, b.snapshot_after, b.replaces_state,
           b.txn_user_id, b.txn_device_id, b.txn_id
         FROM batch b JOIN ranked r ON r.ord = b.ord
         RETURNING event_id, stream_ordering
       ),
       prev AS (
         INSERT INTO event_edges (event_id, prev_event_id) SELECT * FROM unnest($16::text[], $17::text[])
         ON CONFLICT DO NOTHING
       ),
       auth AS (
         INSERT INTO event_auth_edges (event_id, auth_event_id) SELECT * FROM unnest($18::text[], $19::text[])
         ON CONFLICT DO NOTHING
       ),
       removed AS (
         DELETE FROM forward_extremities f USING unnest($20::text[], $21::text[]) AS x (room_id, event_id)
         WHERE f.room_id = x.room_id AND f.event_id = x.event_id
       ),
       added AS (
         INSERT INTO forward_extremities (room_id, event_id) SELECT * FROM unnest($22::text[], $23::text[])
         ON CONFLICT DO NOTHING
       ),
       ${indexing.sql}
       SELECT event_id, stream_ordering FROM events_in`,
      [
        STREAM_LOCK,
        rows.map((r) => r.eventId),
        rows.map((r) => r.roomId),
        rows.map((r) => r.type),
        rows.map((r) => r.stateKey),
        rows.map((r) => r.sender),
        rows.map((r) => r.depth),
        rows.map((r) => r.originServerTs),
        rows.map((r) => JSON.stringify(r.pdu)),
        rows.map((r) => r.snapshotBefore),
        rows.map((r) => r.snapshotAfter),
        rows.map((r) => r.replacesState),
        rows.map((r) => r.txn?.userId ?? null),
        rows.map((r) => r.txn?.deviceId ?? null),
        rows.map((r) => r.txn?.txnId ?? null),
        prevFrom,
        prevTo,
        authFrom,
        authTo,
        removedRooms,
        removedIds,
        addedRooms,
        addedIds,
        ...indexing.params,
      ],
    );
    const positions = new Map(inserted.map((r) => [r.event_id, Number(r.stream_ordering)]));
    return rows.map((r) => positions.get(r.eventId)!);
  }

  /** Indexes accepted events stored one at a time (the federation input), in one statement. */
  async index(tx: Tx, events: readonly IndexedEvent[]): Promise<void> {
    const indexing = indexingCtes(events, 1);
    if (indexing.params.every((column) => column.length === 0)) return;
    await tx.query(`WITH ${indexing.sql} SELECT 1`, indexing.params);
  }
}
