import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';

/** An event just persisted, as the relation index reads it. */
/** A page of a parent's children, in (after, upTo] stream positions. */
export interface ChildrenQuery {
  roomId: string;
  parentId: string;
  relType?: string;
  eventType?: string;
  /** 1: direct children only; more follows children of children. */
  depth: number;
  after: number;
  upTo: number;
  newestFirst: boolean;
  limit: number;
}

/** A parent of a page whose children are summarised; `editable` when m.replace may apply to it. */
export interface AggregationParent {
  eventId: string;
  sender: string;
  type: string;
  editable: boolean;
}

/**
 * One summary row: for m.thread the newest reply (eventIds[0]), the count and whether the viewer
 * replied; for m.replace the newest valid edit; for m.reference every child, oldest first.
 */
export interface AggregationRow {
  parentId: string;
  relType: 'm.thread' | 'm.replace' | 'm.reference';
  eventIds: string[];
  count: number;
  participated: boolean;
}

export interface ThreadRow {
  rootId: string;
  /** Stream position of the thread's newest reply. */
  latest: number;
}

/** Children that count: in the timeline, neither soft-failed, rejected nor redacted. */
const SERVED = `e.stream_ordering IS NOT NULL AND NOT e.soft_failed AND e.rejected_reason IS NULL
  AND e.redacted_by IS NULL`;

/**
 * The relations events declare (client-server-api "Forming relationships between events"),
 * written in the persist transaction, read for /relations, /threads and bundled aggregations.
 * A redacted child no longer counts: "when a child event is redacted then the relationship is
 * broken".
 */
@Injectable()
export class RelationsRepository {
  /**
   * IDs of a parent's children in the same room, following relations `depth` levels down, filtered
   * by relation and event type, in stream order.
   */
  async children(q: Queryable, c: ChildrenQuery): Promise<{ eventId: string; streamOrdering: number }[]> {
    const rows: { event_id: string; stream_ordering: string }[] = await q.query(
      `WITH RECURSIVE related (event_id, depth) AS (
         SELECT event_id, 1 FROM event_relations WHERE relates_to_id = $1 AND room_id = $2
         UNION
         SELECT r.event_id, related.depth + 1 FROM event_relations r
         JOIN related ON r.relates_to_id = related.event_id
         WHERE related.depth < $3 AND r.room_id = $2
       )
       SELECT DISTINCT e.event_id, e.stream_ordering FROM related
       JOIN event_relations r ON r.event_id = related.event_id
       JOIN events e ON e.event_id = related.event_id
       WHERE ${SERVED} AND ($4::text IS NULL OR r.rel_type = $4) AND ($5::text IS NULL OR e.type = $5)
         AND e.stream_ordering > $6 AND e.stream_ordering <= $7
       ORDER BY e.stream_ordering ${c.newestFirst ? 'DESC' : 'ASC'}
       LIMIT $8`,
      [c.parentId, c.roomId, c.depth, c.relType ?? null, c.eventType ?? null, c.after, c.upTo, c.limit],
    );
    return rows.map((r) => ({ eventId: r.event_id, streamOrdering: Number(r.stream_ordering) }));
  }

  /**
   * The summaries of every parent of a page in one round trip (client-server-api "Aggregations of
   * child events"). Children sent by `ignored` users do not count. An edit counts only from the
   * parent's sender with the parent's type ("Validity of replacement events"); the newest wins by
   * origin_server_ts, then the lexicographically largest event ID.
   */
  async aggregations(
    q: Queryable,
    parents: readonly AggregationParent[],
    viewer: string,
    ignored: readonly string[],
  ): Promise<AggregationRow[]> {
    if (parents.length === 0) return [];
    const rows: {
      parent_id: string;
      rel_type: AggregationRow['relType'];
      event_ids: string[];
      count: string;
      participated: boolean;
    }[] = await q.query(
      `WITH p AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[]) AS p (event_id, sender, type, editable)
       ),
       c AS (
         SELECT r.relates_to_id AS parent_id, r.rel_type, e.event_id, e.sender, e.type, e.origin_server_ts,
           e.stream_ordering
         FROM event_relations r JOIN events e ON e.event_id = r.event_id
         WHERE r.relates_to_id = ANY($1) AND r.rel_type IN ('m.thread', 'm.replace', 'm.reference')
           AND ${SERVED} AND NOT (e.sender = ANY($6::text[]))
       )
       SELECT parent_id, 'm.thread' AS rel_type, ARRAY[(array_agg(event_id ORDER BY stream_ordering DESC))[1]] AS event_ids,
         count(*) AS count, bool_or(sender = $5) AS participated
       FROM c WHERE rel_type = 'm.thread' GROUP BY parent_id
       UNION ALL
       SELECT parent_id, 'm.replace', ARRAY[event_id], 1, false FROM (
         SELECT DISTINCT ON (c.parent_id) c.parent_id, c.event_id FROM c
         JOIN p ON p.event_id = c.parent_id AND p.editable AND p.sender = c.sender AND p.type = c.type
         WHERE c.rel_type = 'm.replace'
         ORDER BY c.parent_id, c.origin_server_ts DESC, c.event_id DESC
       ) edits
       UNION ALL
       SELECT parent_id, 'm.reference', array_agg(event_id ORDER BY stream_ordering), count(*), false
       FROM c WHERE rel_type = 'm.reference' GROUP BY parent_id`,
      [
        parents.map((p) => p.eventId),
        parents.map((p) => p.sender),
        parents.map((p) => p.type),
        parents.map((p) => p.editable),
        viewer,
        ignored,
      ],
    );
    return rows.map((r) => ({
      parentId: r.parent_id,
      relType: r.rel_type,
      eventIds: r.event_ids,
      count: Number(r.count),
      participated: r.participated,
    }));
  }

  /**
   * A room's thread roots, the most recently active first, whose newest reply is at or before
   * `upTo`; with `participant`, only threads they started or replied to.
   */
  async threads(
    q: Queryable,
    roomId: string,
    page: { upTo: number; limit: number; participant?: string },
  ): Promise<ThreadRow[]> {
    const rows: { root_id: string; latest: string }[] = await q.query(
      `SELECT r.relates_to_id AS root_id, max(e.stream_ordering) AS latest
       FROM event_relations r JOIN events e ON e.event_id = r.event_id
       WHERE r.room_id = $1 AND r.rel_type = 'm.thread' AND ${SERVED}
       GROUP BY r.relates_to_id
       HAVING max(e.stream_ordering) <= $2
         AND ($3::text IS NULL OR bool_or(e.sender = $3)
           OR EXISTS (SELECT 1 FROM events root WHERE root.event_id = r.relates_to_id AND root.sender = $3))
       ORDER BY latest DESC
       LIMIT $4`,
      [roomId, page.upTo, page.participant ?? null, page.limit],
    );
    return rows.map((r) => ({ rootId: r.root_id, latest: Number(r.latest) }));
  }
}
