import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';
import { PresenceRow } from './presence.repository';
import { ReceiptRow } from './receipts.repository';

/** A message in a local device's inbox, with whom it is for. */
export interface InboxMessageRow {
  streamId: number;
  userId: string;
  deviceId: string;
  sender: string;
  type: string;
  content: Record<string, unknown>;
}

/** A user's latest device-list change. */
export interface DeviceListChangeRow {
  userId: string;
  streamId: number;
}

/**
 * What the hand-off of ephemeral data to application services reads: each stream in the order of
 * its positions, across all users and rooms, and how far it has read (one row per stream). The
 * streams' writers hold their lock until commit, so a reader that sees position N has seen every
 * lower one, and reading on from the last position seen misses nothing.
 */
@Injectable()
export class AppserviceEphemeralRepository {
  /**
   * The stream's position, locked until the end of `tx` so that one process at a time moves it;
   * a stream never read before starts at `initial()`: what happened before is not handed over.
   */
  async lockPosition(tx: Tx, stream: string, initial: () => Promise<number>): Promise<number> {
    const locked = await this.selectForUpdate(tx, stream);
    if (locked !== null) return locked;
    await tx.query(
      `INSERT INTO appservice_ephemeral_positions (stream, position) VALUES ($1, $2)
       ON CONFLICT (stream) DO NOTHING`,
      [stream, await initial()],
    );
    return (await this.selectForUpdate(tx, stream))!;
  }

  async setPosition(tx: Tx, stream: string, position: number): Promise<void> {
    await tx.query(`UPDATE appservice_ephemeral_positions SET position = $2 WHERE stream = $1`, [
      stream,
      position,
    ]);
  }

  /** Receipts written after `after`, in stream order, at most `limit`. */
  async receiptsAfter(q: Queryable, after: number, limit: number): Promise<ReceiptRow[]> {
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT * FROM receipts WHERE stream_id > $1 ORDER BY stream_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({
      roomId: r.room_id as string,
      receiptType: r.receipt_type as string,
      userId: r.user_id as string,
      // ReceiptsRepository stores an unthreaded receipt with the empty thread.
      threadId: r.thread_id === '' ? null : (r.thread_id as string),
      eventId: r.event_id as string,
      ts: Number(r.ts),
      streamId: Number(r.stream_id),
    }));
  }

  /** Presence written after `after`, in stream order, at most `limit`. */
  async presenceAfter(q: Queryable, after: number, limit: number): Promise<PresenceRow[]> {
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT * FROM presence WHERE stream_id > $1 ORDER BY stream_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({
      userId: r.user_id as string,
      presence: r.presence as string,
      statusMsg: r.status_msg as string | null,
      lastActiveTs: Number(r.last_active_ts),
      streamId: Number(r.stream_id),
    }));
  }

  /**
   * Messages put into device inboxes after `after`, in stream order, at most `limit`; one a
   * device has already acknowledged is gone.
   */
  async inboxAfter(q: Queryable, after: number, limit: number): Promise<InboxMessageRow[]> {
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT stream_id, user_id, device_id, sender, type, content FROM device_inbox
       WHERE stream_id > $1 ORDER BY stream_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({
      streamId: Number(r.stream_id),
      userId: r.user_id as string,
      deviceId: r.device_id as string,
      sender: r.sender as string,
      type: r.type as string,
      content: r.content as Record<string, unknown>,
    }));
  }

  /** Users whose latest device-list change is after `after`, in stream order, at most `limit`. */
  async deviceListChangesAfter(q: Queryable, after: number, limit: number): Promise<DeviceListChangeRow[]> {
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT user_id, stream_id FROM device_list_changes WHERE stream_id > $1
       ORDER BY stream_id, user_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => ({ userId: r.user_id as string, streamId: Number(r.stream_id) }));
  }

  private async selectForUpdate(tx: Tx, stream: string): Promise<number | null> {
    const rows: { position: string }[] = await tx.query(
      `SELECT position FROM appservice_ephemeral_positions WHERE stream = $1 FOR UPDATE`,
      [stream],
    );
    return rows.length ? Number(rows[0].position) : null;
  }
}
