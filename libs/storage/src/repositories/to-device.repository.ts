import { Injectable } from '@nestjs/common';
import { Queryable, Tx } from '../transactions';

/** One message for a local user's devices: one device, or all of them when `deviceId` is null. */
export interface NewToDeviceMessage {
  userId: string;
  deviceId: string | null;
  sender: string;
  type: string;
  content: Record<string, unknown>;
}

/** A message waiting in a device's inbox, at its position in the to-device stream. */
export interface ToDeviceMessageRow {
  streamId: number;
  sender: string;
  type: string;
  content: Record<string, unknown>;
}

// Differs from every other advisory lock of the database (see EventsRepository).
const TO_DEVICE_LOCK = 0x5357_0010;

/**
 * Inboxes of local devices (client-server-api "Send-to-Device messaging"): each message is a row
 * per receiving device, numbered by the to-device stream, kept until the device acknowledges it.
 */
@Injectable()
export class ToDeviceRepository {
  /**
   * Records that the device sent `txnId`; false when it already had (a retried request). Call it
   * in the transaction that stores the messages, so a failed send can be retried.
   */
  async claimTxn(tx: Tx, userId: string, deviceId: string, txnId: string): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO to_device_txns (user_id, device_id, txn_id) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING txn_id`,
      [userId, deviceId, txnId],
    );
    return rows.length > 0;
  }

  async hasTxn(q: Queryable, userId: string, deviceId: string, txnId: string): Promise<boolean> {
    const rows = await q.query(
      `SELECT 1 FROM to_device_txns WHERE user_id = $1 AND device_id = $2 AND txn_id = $3`,
      [userId, deviceId, txnId],
    );
    return rows.length > 0;
  }

  /** Records an m.direct_to_device EDU's message_id; false when it was taken in before. */
  async claimReceived(tx: Tx, origin: string, messageId: string, ts: number): Promise<boolean> {
    const rows = await tx.query(
      `INSERT INTO to_device_received (origin, message_id, received_ts) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING message_id`,
      [origin, messageId, ts],
    );
    return rows.length > 0;
  }

  /**
   * Puts the messages into the inboxes of the devices that exist (a message for an unknown device
   * goes nowhere) and returns the stream position reached, or null when no device got one. Holds
   * the stream's lock until commit, so positions become visible in order: call it last.
   */
  async add(tx: Tx, messages: readonly NewToDeviceMessage[]): Promise<number | null> {
    if (messages.length === 0) return null;
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [TO_DEVICE_LOCK]);
    const rows: { stream_id: string }[] = await tx.query(
      `INSERT INTO device_inbox (stream_id, user_id, device_id, sender, type, content)
       SELECT nextval('device_inbox_stream_seq'), t.* FROM (
         SELECT d.user_id, d.device_id, m.sender, m.type, m.content
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[])
           WITH ORDINALITY AS m (user_id, device_id, sender, type, content, ord)
         JOIN devices d ON d.user_id = m.user_id AND (m.device_id IS NULL OR d.device_id = m.device_id)
         ORDER BY m.ord, d.device_id
       ) t
       RETURNING stream_id`,
      [
        messages.map((m) => m.userId),
        messages.map((m) => m.deviceId),
        messages.map((m) => m.sender),
        messages.map((m) => m.type),
        messages.map((m) => JSON.stringify(m.content)),
      ],
    );
    if (rows.length === 0) return null;
    const position = Math.max(...rows.map((r) => Number(r.stream_id)));
    await tx.query(`UPDATE device_inbox_position SET stream_id = $1 WHERE id = 1`, [position]);
    return position;
  }

  /** The newest committed position of the stream (never goes back, though messages are deleted). */
  async position(q: Queryable): Promise<number> {
    const [{ stream_id: position }] = await q.query(
      `SELECT stream_id FROM device_inbox_position WHERE id = 1`,
    );
    return Number(position);
  }

  /** The device's messages in (after, upTo], oldest first, at most `limit`. */
  async pending(
    q: Queryable,
    userId: string,
    deviceId: string,
    after: number,
    upTo: number,
    limit: number,
  ): Promise<ToDeviceMessageRow[]> {
    const rows: Record<string, unknown>[] = await q.query(
      `SELECT stream_id, sender, type, content FROM device_inbox
       WHERE user_id = $1 AND device_id = $2 AND stream_id > $3 AND stream_id <= $4
       ORDER BY stream_id LIMIT $5`,
      [userId, deviceId, after, upTo, limit],
    );
    return rows.map((r) => ({
      streamId: Number(r.stream_id),
      sender: r.sender as string,
      type: r.type as string,
      content: r.content as Record<string, unknown>,
    }));
  }

  /** Deletes the device's messages up to `upTo`: the device has them. */
  async deleteUpTo(q: Queryable, userId: string, deviceId: string, upTo: number): Promise<void> {
    await q.query(`DELETE FROM device_inbox WHERE user_id = $1 AND device_id = $2 AND stream_id <= $3`, [
      userId,
      deviceId,
      upTo,
    ]);
  }
}
