import { Injectable } from '@nestjs/common';
import { Queryable } from '../transactions';
import { SEARCH_CONFIG } from './event-indexes';

export interface SearchQuery {
  roomIds: readonly string[];
  /** Words, each matched as a prefix; all must match. Letters and digits only. */
  words: readonly string[];
  keys: readonly string[];
  senders?: readonly string[];
  notSenders: readonly string[];
  /** SQL LIKE patterns of event types. */
  types?: readonly string[];
  notTypes: readonly string[];
  orderBy: 'rank' | 'recent';
  /** Only events before this stream position. */
  before?: number;
  offset: number;
  limit: number;
}

export interface SearchHit {
  eventId: string;
  roomId: string;
  rank: number;
  streamOrdering: number;
}

/**
 * Full-text index of message bodies, room names and topics (client-server-api "Server Side
 * Search"), written in the persist transaction; redacted events are never found.
 */
@Injectable()
export class SearchRepository {
  /** A page of matches and how many match in all. */
  async search(q: Queryable, s: SearchQuery): Promise<{ hits: SearchHit[]; count: number }> {
    if (s.roomIds.length === 0 || s.words.length === 0) return { hits: [], count: 0 };
    const tsquery = s.words.map((w) => `${w}:*`).join(' & ');
    const rows: {
      event_id: string;
      room_id: string;
      rank: number;
      stream_ordering: string;
      total: string;
    }[] = await q.query(
      `WITH query AS (SELECT to_tsquery('${SEARCH_CONFIG}', $2) AS q)
         SELECT s.event_id, s.room_id, ts_rank_cd(s.vector, query.q) AS rank, e.stream_ordering,
           count(*) OVER () AS total
         FROM event_search s CROSS JOIN query JOIN events e ON e.event_id = s.event_id
         WHERE s.room_id = ANY($1) AND s.vector @@ query.q AND s.key = ANY($3)
           AND e.stream_ordering IS NOT NULL AND NOT e.soft_failed AND e.rejected_reason IS NULL
           AND e.redacted_by IS NULL
           AND ($4::text[] IS NULL OR e.sender = ANY($4)) AND NOT (e.sender = ANY($5::text[]))
           AND ($6::text[] IS NULL OR e.type LIKE ANY($6)) AND NOT (e.type LIKE ANY($7::text[]))
           AND ($8::bigint IS NULL OR e.stream_ordering < $8)
         ORDER BY ${s.orderBy === 'rank' ? 'rank DESC, ' : ''}e.stream_ordering DESC
         LIMIT $9 OFFSET $10`,
      [
        s.roomIds,
        tsquery,
        s.keys,
        s.senders ?? null,
        s.notSenders,
        s.types ?? null,
        s.notTypes,
        s.before ?? null,
        s.limit,
        s.offset,
      ],
    );
    return {
      hits: rows.map((r) => ({
        eventId: r.event_id,
        roomId: r.room_id,
        rank: Number(r.rank),
        streamOrdering: Number(r.stream_ordering),
      })),
      count: rows.length > 0 ? Number(rows[0].total) : 0,
    };
  }
}
