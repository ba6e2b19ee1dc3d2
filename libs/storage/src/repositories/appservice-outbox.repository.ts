import { Injectable } from '@nestjs/common';
import { JsonObject } from '@switchboard/protocol';
import { Queryable, Tx } from '../transactions';

/** One thing for one application service: an event, or one of the ephemeral kinds. */
export interface AppserviceOutboxEntry {
  appserviceId: string;
  eventId?: string;
  ephemeral?: JsonObject;
  toDevice?: JsonObject;
  deviceLists?: { changed: string[]; left: string[] };
}

/** A timeline event as the appservice fan-out scans it. */
export interface AppserviceScannedEvent {
  eventId: string;
  roomId: string;
  type: string;
  stateKey: string | null;
  sender: string;
  /** content.membership of a member event. */
  membership: string | null;
  streamOrdering: number;
}

/** What makes a room interesting to a service besides its ID: its aliases and local members. */
export interface AppserviceRoomFacts {
  /** room_aliases entries, the canonical alias and its alt_aliases. */
  aliases: string[];
  /** Local users joined or invited. */
  members: string[];
}

/** One transaction's worth of a service's outbox. */
export interface AppserviceBatch {
  txnId: string;
  eventIds: string[];
  ephemeral: JsonObject[];
  toDevice: JsonObject[];
  /** Merged over the batch; undefined when the batch has no device-list entry. */
  deviceLists?: { changed: string[]; left: string[] };
}

type Kind = 'event' | 'ephemeral' | 'to_device' | 'device_lists';

/**
 * The durable outbox of the application-service pusher: what each service has still to receive,
 * the transaction IDs given out, and how far the events table has been scanned.
 */
@Injectable()
export class AppserviceOutboxRepository {
  /**
   * The timeline events after the scan position, oldest first, with the position's row locked
   * until the transaction ends (one scanner at a time, across processes). An event committed
   * while the scan waited for the lock is left for the next scan: positions commit in order.
   */
  async lockAndReadNewEvents(tx: Tx, limit: number): Promise<AppserviceScannedEvent[]> {
    const rows: Record<string, unknown>[] = await tx.query(
      `WITH position AS MATERIALIZED (
         SELECT stream_ordering FROM appservice_outbox_position WHERE id = 1 FOR UPDATE
       )
       SELECT e.event_id, e.room_id, e.type, e.state_key, e.sender, e.stream_ordering,
         CASE WHEN e.type = 'm.room.member' THEN e.json::jsonb -> 'content' ->> 'membership' END AS membership
       FROM events e, position p
       WHERE e.stream_ordering > p.stream_ordering
         AND NOT e.outlier AND NOT e.soft_failed AND e.rejected_reason IS NULL
       ORDER BY e.stream_ordering LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      eventId: r.event_id as string,
      roomId: r.room_id as string,
      type: r.type as string,
      stateKey: r.state_key as string | null,
      sender: r.sender as string,
      membership: (r.membership as string | null) ?? null,
      streamOrdering: Number(r.stream_ordering),
    }));
  }

  /** The newest stream ordering of the events table: where a scan with no one to serve may skip to. */
  async latestStreamOrdering(q: Queryable): Promise<number> {
    const rows: { max: string | null }[] = await q.query(`SELECT MAX(stream_ordering) AS max FROM events`);
    return Number(rows[0]?.max ?? 0);
  }

  async setPosition(tx: Tx, streamOrdering: number): Promise<void> {
    await tx.query(
      `UPDATE appservice_outbox_position SET stream_ordering = GREATEST(stream_ordering, $1) WHERE id = 1`,
      [streamOrdering],
    );
  }

  async roomFacts(q: Queryable, roomId: string, serverName: string): Promise<AppserviceRoomFacts> {
    const rows: { kind: string; value: string }[] = await q.query(
      `SELECT 'alias' AS kind, alias AS value FROM room_aliases WHERE room_id = $1
       UNION ALL
       SELECT 'alias', a.value FROM current_state s JOIN events e ON e.event_id = s.event_id,
         LATERAL (
           SELECT e.json::jsonb -> 'content' ->> 'alias' AS value
           UNION ALL
           SELECT jsonb_array_elements_text(
             CASE WHEN jsonb_typeof(e.json::jsonb -> 'content' -> 'alt_aliases') = 'array'
               THEN e.json::jsonb -> 'content' -> 'alt_aliases' ELSE '[]'::jsonb END)
         ) a
       WHERE s.room_id = $1 AND s.type = 'm.room.canonical_alias' AND s.state_key = '' AND a.value IS NOT NULL
       UNION ALL
       SELECT 'member', user_id FROM room_memberships
       WHERE room_id = $1 AND membership IN ('join', 'invite')
         AND substring(user_id from position(':' in user_id) + 1) = $2`,
      [roomId, serverName],
    );
    return {
      aliases: [...new Set(rows.filter((r) => r.kind === 'alias').map((r) => r.value))],
      members: rows.filter((r) => r.kind === 'member').map((r) => r.value),
    };
  }

  async add(q: Queryable, entries: readonly AppserviceOutboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rows = entries.map(toRow);
    await q.query(
      `INSERT INTO appservice_outbox (appservice_id, kind, event_id, payload)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[])`,
      [
        entries.map((e) => e.appserviceId),
        rows.map((r) => r.kind),
        rows.map((r) => r.eventId),
        rows.map((r) => r.payload),
      ],
    );
  }

  /** Those of the given services with something in the outbox (an index probe each). */
  async servicesWithPending(q: Queryable, among: readonly string[]): Promise<string[]> {
    if (among.length === 0) return [];
    const rows: { id: string }[] = await q.query(
      `SELECT id FROM unnest($1::text[]) AS id
       WHERE EXISTS (SELECT 1 FROM appservice_outbox WHERE appservice_id = id)`,
      [among],
    );
    return rows.map((r) => r.id);
  }

  /** Rows not yet delivered to the service. */
  async pendingCount(q: Queryable, appserviceId: string): Promise<number> {
    const rows: { n: string }[] = await q.query(
      `SELECT count(*) AS n FROM appservice_outbox WHERE appservice_id = $1`,
      [appserviceId],
    );
    return Number(rows[0].n);
  }

  /**
   * The service's next transaction: the one formed and not yet delivered if any (a retry keeps
   * its ID and its contents), else the oldest entries, at most `maxEvents` events and `maxOther`
   * other entries, under the service's next transaction ID. Undefined when nothing is pending.
   */
  async nextBatch(
    tx: Tx,
    appserviceId: string,
    maxEvents: number,
    maxOther: number,
  ): Promise<AppserviceBatch | undefined> {
    let rows: Record<string, unknown>[] = await tx.query(
      `SELECT seq, kind, event_id, payload, txn_id FROM appservice_outbox
       WHERE appservice_id = $1 AND txn_id = (
         SELECT min(txn_id) FROM appservice_outbox WHERE appservice_id = $1 AND txn_id IS NOT NULL)
       ORDER BY seq`,
      [appserviceId],
    );
    if (rows.length === 0) {
      rows = await tx.query(
        `WITH batch AS MATERIALIZED (
           (SELECT seq FROM appservice_outbox WHERE appservice_id = $1 AND txn_id IS NULL AND kind = 'event'
            ORDER BY seq LIMIT $2)
           UNION ALL
           (SELECT seq FROM appservice_outbox WHERE appservice_id = $1 AND txn_id IS NULL AND kind <> 'event'
            ORDER BY seq LIMIT $3)
         ),
         txn AS (
           INSERT INTO appservice_txns (appservice_id, last_txn_id)
           SELECT $1, 1 WHERE EXISTS (SELECT 1 FROM batch)
           ON CONFLICT (appservice_id) DO UPDATE SET last_txn_id = appservice_txns.last_txn_id + 1
           RETURNING last_txn_id
         ),
         claimed AS (
           UPDATE appservice_outbox o SET txn_id = txn.last_txn_id FROM txn
           WHERE o.seq IN (SELECT seq FROM batch)
           RETURNING o.seq, o.kind, o.event_id, o.payload, o.txn_id
         )
         SELECT * FROM claimed ORDER BY seq`,
        [appserviceId, maxEvents, maxOther],
      );
    }
    if (rows.length === 0) return undefined;
    const of = (kind: Kind) => rows.filter((r) => r.kind === kind);
    const lists = of('device_lists').map((r) => r.payload as { changed: string[]; left: string[] });
    return {
      txnId: String(rows[0].txn_id),
      eventIds: of('event').map((r) => r.event_id as string),
      ephemeral: of('ephemeral').map((r) => r.payload as JsonObject),
      toDevice: of('to_device').map((r) => r.payload as JsonObject),
      deviceLists: lists.length === 0 ? undefined : mergeDeviceLists(lists),
    };
  }

  /** The transaction was delivered (or refused for good): its entries are done. */
  async remove(q: Queryable, appserviceId: string, txnId: string): Promise<void> {
    await q.query(`DELETE FROM appservice_outbox WHERE appservice_id = $1 AND txn_id = $2`, [
      appserviceId,
      txnId,
    ]);
  }
}

function toRow(entry: AppserviceOutboxEntry): { kind: Kind; eventId: string | null; payload: string | null } {
  if (entry.eventId !== undefined) return { kind: 'event', eventId: entry.eventId, payload: null };
  if (entry.ephemeral) return { kind: 'ephemeral', eventId: null, payload: JSON.stringify(entry.ephemeral) };
  if (entry.toDevice) return { kind: 'to_device', eventId: null, payload: JSON.stringify(entry.toDevice) };
  if (entry.deviceLists)
    return { kind: 'device_lists', eventId: null, payload: JSON.stringify(entry.deviceLists) };
  throw new Error(`appservice outbox entry for ${entry.appserviceId} carries nothing`);
}

/** In entry order: a user's latest change decides whether it is in `changed` or in `left`. */
function mergeDeviceLists(lists: readonly { changed: string[]; left: string[] }[]): {
  changed: string[];
  left: string[];
} {
  const latest = new Map<string, 'changed' | 'left'>();
  for (const list of lists) {
    for (const user of list.changed) latest.set(user, 'changed');
    for (const user of list.left) latest.set(user, 'left');
  }
  const pick = (what: 'changed' | 'left') => [...latest].filter(([, w]) => w === what).map(([u]) => u);
  return { changed: pick('changed'), left: pick('left') };
}
