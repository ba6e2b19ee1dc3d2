import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';
import { nextStreamPosition } from './stream-position';

export interface ReceiptRow {
  roomId: string;
  receiptType: string;
  userId: string;
  /** Null for an unthreaded receipt. */
  threadId: string | null;
  eventId: string;
  ts: number;
  streamId: number;
}

export type NewReceipt = Omit<ReceiptRow, 'streamId'>;

// Differs from every other advisory lock of the database (see EventsRepository).
const RECEIPTS_LOCK = 0x5357_0002;
const UNTHREADED = '';

/** Read receipts, one per (room, type, user, thread): the latest "read up to" marker. */
@Injectable()
export class ReceiptsRepository {
  /**
   * Stores the receipt and returns its stream position, or null when the user's receipt of this
   * type and thread already points at a later event: receipts are "up to" markers, so an older
   * one does not move them back.
   */
  async upsert(tx: Tx, receipt: NewReceipt): Promise<number | null> {
    const position = await nextStreamPosition(tx, 'receipts_stream_seq', RECEIPTS_LOCK);
    const rows = await tx.query(
      `INSERT INTO receipts (room_id, receipt_type, user_id, thread_id, event_id, ts, stream_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (room_id, receipt_type, user_id, thread_id) DO UPDATE
         SET event_id = EXCLUDED.event_id, ts = EXCLUDED.ts, stream_id = EXCLUDED.stream_id
         WHERE COALESCE((SELECT stream_ordering FROM events WHERE event_id = EXCLUDED.event_id), 0)
            >= COALESCE((SELECT stream_ordering FROM events WHERE event_id = receipts.event_id), 0)
       RETURNING stream_id`,
      [
        receipt.roomId,
        receipt.receiptType,
        receipt.userId,
        receipt.threadId ?? UNTHREADED,
        receipt.eventId,
        receipt.ts,
        position,
      ],
    );
    return rows.length ? position : null;
  }

  async maxStreamId(q: Queryable): Promise<number> {
    const [{ pos }] = await q.query(`SELECT COALESCE(MAX(stream_id), 0) AS pos FROM receipts`);
    return Number(pos);
  }

  /** Receipts of `roomIds` written in (after, upTo]. */
  async changed(
    q: Queryable,
    roomIds: readonly string[],
    after: number,
    upTo: number,
  ): Promise<ReceiptRow[]> {
    if (roomIds.length === 0) return [];
    const rows = await q.query(
      `SELECT * FROM receipts WHERE room_id = ANY($1) AND stream_id > $2 AND stream_id <= $3
       ORDER BY stream_id`,
      [roomIds, after, upTo],
    );
    return rows.map(toReceipt);
  }

  /** The current receipts of `roomIds` as of `upTo`, for an initial sync. */
  async inRooms(q: Queryable, roomIds: readonly string[], upTo: number): Promise<ReceiptRow[]> {
    if (roomIds.length === 0) return [];
    const rows = await q.query(
      `SELECT * FROM receipts WHERE room_id = ANY($1) AND stream_id <= $2 ORDER BY stream_id`,
      [roomIds, upTo],
    );
    return rows.map(toReceipt);
  }

  /**
   * Per room, the stream position of the latest event `userId` has read in the main timeline: the
   * later of their m.read and m.read.private receipts, unthreaded or for `main`. Rooms without one
   * are absent.
   */
  async readUpTo(q: Queryable, userId: string, roomIds: readonly string[]): Promise<Map<string, number>> {
    if (roomIds.length === 0) return new Map();
    const rows = await q.query(
      `SELECT r.room_id, MAX(e.stream_ordering) AS pos FROM receipts r JOIN events e ON e.event_id = r.event_id
       WHERE r.user_id = $1 AND r.room_id = ANY($2) AND r.receipt_type IN ('m.read', 'm.read.private')
         AND r.thread_id IN ('', 'main') AND e.stream_ordering IS NOT NULL
       GROUP BY r.room_id`,
      [userId, roomIds],
    );
    return new Map(rows.map((r: { room_id: string; pos: string }) => [r.room_id, Number(r.pos)]));
  }
}

function toReceipt(r: Record<string, unknown>): ReceiptRow {
  return {
    roomId: r.room_id as string,
    receiptType: r.receipt_type as string,
    userId: r.user_id as string,
    threadId: r.thread_id === UNTHREADED ? null : (r.thread_id as string),
    eventId: r.event_id as string,
    ts: Number(r.ts),
    streamId: Number(r.stream_id),
  };
}
