import { Injectable } from '@nestjs/common';
import { Pdu } from '@switchboard/protocol';
import { Queryable, Tx } from '../transactions';

/** A timeline event as the outbox scans it. */
export interface OutgoingEventRow {
  eventId: string;
  roomId: string;
  type: string;
  stateKey: string | null;
  sender: string;
  /** content.membership of a member event. */
  membership: string | null;
  /** Whether content has third_party_invite: a member invite that redeems a third-party invite. */
  thirdPartyInvite: boolean;
  streamOrdering: number;
  snapshotAfter: number | null;
  /** Whether anyone of another server has (or had) a membership in the room. */
  remoteMembers: boolean;
}

export interface OutboxEntry {
  destination: string;
  eventId?: string;
  edu?: object;
}

/** One transaction's worth of a destination's outbox. */
export interface OutboxBatch {
  txnId: string;
  eventIds: string[];
  edus: object[];
}

/** The server name of a user ID column: everything after the first colon. */
const SERVER_OF = (column: string) => `substring(${column} from position(':' in ${column}) + 1)`;

/**
 * The durable outbox of outbound federation: which events and EDUs each destination has still to
 * receive, and how far the events table has been scanned for new local events.
 */
@Injectable()
export class FederationOutboxRepository {
  /**
   * The timeline events after the scan position (or `after`, when that is further), oldest first,
   * with the position's row locked until the transaction ends (one scanner at a time, across
   * processes), in one round trip. The position is read after its lock is granted, and an event
   * committed while the scan waited is only left for the next scan: positions commit in order, so
   * nothing is skipped.
   */
  lockAndReadNewEvents(tx: Tx, limit: number, serverName: string, after = 0): Promise<OutgoingEventRow[]> {
    return this.newEvents(tx, limit, serverName, after, 'FOR UPDATE');
  }

  /** lockAndReadNewEvents without the lock: a look at what is new, outside any transaction. */
  peekNewEvents(q: Queryable, limit: number, serverName: string, after = 0): Promise<OutgoingEventRow[]> {
    return this.newEvents(q, limit, serverName, after, '');
  }

  private async newEvents(
    q: Queryable,
    limit: number,
    serverName: string,
    after: number,
    lock: 'FOR UPDATE' | '',
  ): Promise<OutgoingEventRow[]> {
    const rows: Record<string, unknown>[] = await q.query(
      `WITH position AS MATERIALIZED (
         SELECT GREATEST(stream_ordering, $3) AS stream_ordering FROM federation_outbox_position WHERE id = 1 ${lock}
       ),
       batch AS MATERIALIZED (
         SELECT e.event_id, e.room_id, e.type, e.state_key, e.sender, e.stream_ordering, e.snapshot_after,
           e.json::jsonb -> 'content' ->> 'membership' AS membership,
           (e.json::jsonb -> 'content') ? 'third_party_invite' AS third_party_invite
         FROM events e, position p
         WHERE e.stream_ordering > p.stream_ordering
           AND NOT e.outlier AND NOT e.soft_failed AND e.rejected_reason IS NULL
         ORDER BY e.stream_ordering LIMIT $1
       )
       SELECT b.*, EXISTS (
         SELECT 1 FROM room_memberships m WHERE m.room_id = b.room_id AND ${SERVER_OF('m.user_id')} <> $2
       ) AS remote_members
       FROM batch b ORDER BY b.stream_ordering`,
      [limit, serverName, after],
    );
    return rows.map((r) => ({
      eventId: r.event_id as string,
      roomId: r.room_id as string,
      type: r.type as string,
      stateKey: r.state_key as string | null,
      sender: r.sender as string,
      membership: r.type === 'm.room.member' ? ((r.membership as string | null) ?? null) : null,
      thirdPartyInvite: r.type === 'm.room.member' && r.third_party_invite === true,
      streamOrdering: Number(r.stream_ordering),
      snapshotAfter: r.snapshot_after === null ? null : Number(r.snapshot_after),
      remoteMembers: r.remote_members === true,
    }));
  }

  async setPosition(tx: Tx, streamOrdering: number): Promise<void> {
    await tx.query(`UPDATE federation_outbox_position SET stream_ordering = $1 WHERE id = 1`, [
      streamOrdering,
    ]);
  }

  /** The servers with a joined member in the room now. */
  async joinedServers(q: Queryable, roomId: string): Promise<string[]> {
    const rows: { server: string }[] = await q.query(
      `SELECT DISTINCT ${SERVER_OF('user_id')} AS server FROM room_memberships
       WHERE room_id = $1 AND membership = 'join'`,
      [roomId],
    );
    return rows.map((r) => r.server);
  }

  /** The users of `serverName` joined to the room. */
  async joinedUsersOf(q: Queryable, roomId: string, serverName: string): Promise<string[]> {
    const rows: { user_id: string }[] = await q.query(
      `SELECT user_id FROM room_memberships
       WHERE room_id = $1 AND membership = 'join' AND ${SERVER_OF('user_id')} = $2 ORDER BY user_id`,
      [roomId, serverName],
    );
    return rows.map((r) => r.user_id);
  }

  /** The servers with a joined member in some room the user is joined to. */
  async serversSharingRoomWith(q: Queryable, userId: string): Promise<string[]> {
    const rows: { server: string }[] = await q.query(
      `SELECT DISTINCT ${SERVER_OF('other.user_id')} AS server
       FROM room_memberships mine JOIN room_memberships other ON other.room_id = mine.room_id
       WHERE mine.user_id = $1 AND mine.membership = 'join' AND other.membership = 'join'`,
      [userId],
    );
    return rows.map((r) => r.server);
  }

  async add(q: Queryable, entries: readonly OutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await q.query(
      `INSERT INTO federation_outbox (destination, event_id, edu)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[])`,
      [
        entries.map((e) => e.destination),
        entries.map((e) => e.eventId ?? null),
        entries.map((e) => (e.edu === undefined ? null : JSON.stringify(e.edu))),
      ],
    );
  }

  async destinationsWithPending(q: Queryable): Promise<string[]> {
    const rows: { destination: string }[] = await q.query(
      `SELECT DISTINCT destination FROM federation_outbox`,
    );
    return rows.map((r) => r.destination);
  }

  /**
   * The destination's next transaction: the one already sent and not acknowledged if any (a retry
   * keeps its txnId), else the oldest entries, at most `maxPdus` events and `maxEdus` EDUs, which
   * get `newTxnId`. Undefined when nothing is pending.
   */
  async nextBatch(
    tx: Tx,
    destination: string,
    newTxnId: string,
    maxPdus: number,
    maxEdus: number,
  ): Promise<OutboxBatch | undefined> {
    let rows: Record<string, unknown>[] = await tx.query(
      `SELECT txn_id, event_id, edu FROM federation_outbox
       WHERE destination = $1 AND txn_id = (
         SELECT txn_id FROM federation_outbox WHERE destination = $1 AND txn_id IS NOT NULL ORDER BY id LIMIT 1)
       ORDER BY id`,
      [destination],
    );
    if (rows.length === 0) {
      // As a CTE so the driver answers rows, as for a SELECT, not [rows, count] as for an UPDATE.
      rows = await tx.query(
        `WITH claimed AS (
           UPDATE federation_outbox SET txn_id = $2
           WHERE id IN (
             (SELECT id FROM federation_outbox WHERE destination = $1 AND event_id IS NOT NULL ORDER BY id LIMIT $3)
             UNION ALL
             (SELECT id FROM federation_outbox WHERE destination = $1 AND edu IS NOT NULL ORDER BY id LIMIT $4))
           RETURNING id, txn_id, event_id, edu)
         SELECT * FROM claimed`,
        [destination, newTxnId, maxPdus, maxEdus],
      );
      rows.sort((a, b) => Number(a.id) - Number(b.id));
    }
    if (rows.length === 0) return undefined;
    return {
      txnId: rows[0].txn_id as string,
      eventIds: rows.filter((r) => r.event_id !== null).map((r) => r.event_id as string),
      edus: rows.filter((r) => r.edu !== null).map((r) => r.edu as object),
    };
  }

  /** The transaction was delivered (or refused for good): its entries are done. */
  async remove(q: Queryable, destination: string, txnId: string): Promise<void> {
    await q.query(`DELETE FROM federation_outbox WHERE destination = $1 AND txn_id = $2`, [
      destination,
      txnId,
    ]);
  }

  /** The events of a batch as stored, in the given order. */
  async pdus(q: Queryable, eventIds: readonly string[]): Promise<Pdu[]> {
    if (eventIds.length === 0) return [];
    const rows: { event_id: string; json: string }[] = await q.query(
      `SELECT event_id, json FROM events WHERE event_id = ANY($1)`,
      [eventIds],
    );
    const byId = new Map(rows.map((r) => [r.event_id, JSON.parse(r.json) as Pdu]));
    return eventIds.map((id) => byId.get(id)).filter((p): p is Pdu => p !== undefined);
  }
}
