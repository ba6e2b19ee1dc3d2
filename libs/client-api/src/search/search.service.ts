import { Injectable } from '@nestjs/common';
import {
  JsonObject,
  matchesEventFilter,
  RoomEventsSearchResults,
  SearchGroupValue,
  SearchResult,
} from '@switchboard/protocol';
import { RoomStateQuery } from '@switchboard/rooms';
import {
  EventRow,
  EventsRepository,
  MembershipsRepository,
  SearchRepository,
  Transactions,
} from '@switchboard/storage';
import { VisibleEvents } from '../relations/visible-events.service';
import { EventSerializer } from '../timeline/event-serializer.service';
import { filterableEvent } from '../timeline/filterable-event';
import { SearchContext } from './search-context.service';
import { RoomEventsCriteria, searchWords } from './search-request';
import { encodeSearchToken, parseSearchToken } from './search-token';

/** "The maximum number of events to return" when the filter sets none; and a cap. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;

interface Viewer {
  userId: string;
  deviceId: string;
}

/**
 * POST /search, `room_events` (client-server-api "Server Side Search"): full-text search of the
 * rooms the user is joined to, as far as history visibility lets them see.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly transactions: Transactions,
    private readonly index: SearchRepository,
    private readonly events: EventsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly roomState: RoomStateQuery,
    private readonly visible: VisibleEvents,
    private readonly serializer: EventSerializer,
    private readonly context: SearchContext,
  ) {}

  async roomEvents(
    viewer: Viewer,
    criteria: RoomEventsCriteria,
    nextBatch?: string,
  ): Promise<RoomEventsSearchResults> {
    const position = nextBatch === undefined ? undefined : parseSearchToken(nextBatch, criteria.orderBy);
    const filter = criteria.filter;
    const limit = Math.min(filter?.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
    const words = searchWords(criteria.searchTerm);
    const q = this.transactions.reader;
    const joined = (await this.memberships.forUser(q, viewer.userId, ['join'])).map((m) => m.roomId);
    const roomIds = joined.filter(
      (id) => (!filter?.rooms || filter.rooms.includes(id)) && !filter?.not_rooms?.includes(id),
    );
    const offset = position?.orderBy === 'rank' ? position.offset : 0;
    const { hits, count } = await this.index.search(q, {
      roomIds,
      words,
      keys: criteria.keys,
      senders: filter?.senders,
      notSenders: filter?.not_senders ?? [],
      types: filter?.types?.map(likePattern),
      notTypes: (filter?.not_types ?? []).map(likePattern),
      orderBy: criteria.orderBy,
      before: position?.orderBy === 'recent' ? position.before : undefined,
      offset,
      limit,
    });
    const loaded = await this.events.getMany(
      q,
      hits.map((h) => h.eventId),
    );
    const rows = (
      await this.visible.filter(
        viewer.userId,
        hits.flatMap((h) => loaded.get(h.eventId) ?? []),
      )
    ).filter((row) => !filter || matchesEventFilter(filter, filterableEvent(row)));
    let next: string | undefined;
    if (hits.length === limit) {
      next = encodeSearchToken(
        criteria.orderBy === 'rank'
          ? { orderBy: 'rank', offset: offset + hits.length }
          : { orderBy: 'recent', before: hits[hits.length - 1].streamOrdering },
      );
    }
    const ranks = new Map(hits.map((h) => [h.eventId, h.rank]));
    const served = await this.serializer.serialize(rows, viewer, undefined);
    const results: SearchResult[] = [];
    for (const [i, row] of rows.entries()) {
      const result: SearchResult = { rank: ranks.get(row.eventId) ?? 0, result: served[i] };
      if (criteria.eventContext)
        result.context = await this.context.around(viewer, row, criteria.eventContext);
      results.push(result);
    }
    const out: RoomEventsSearchResults = { count, highlights: words, results };
    if (next !== undefined) out.next_batch = next;
    if (criteria.includeState) out.state = await this.currentState(viewer, rows);
    if (criteria.groupBy.length > 0) out.groups = groups(rows, criteria.groupBy, next);
    return out;
  }

  /** "The current state for every room in the results." */
  private async currentState(
    viewer: Viewer,
    rows: readonly EventRow[],
  ): Promise<Record<string, JsonObject[]>> {
    const state: Record<string, JsonObject[]> = {};
    for (const roomId of new Set(rows.map((row) => row.roomId))) {
      const current = await this.roomState.current(roomId);
      const loaded = await this.events.getMany(
        this.transactions.reader,
        [...current.values()].map((e) => e.eventId),
      );
      state[roomId] = await this.serializer.serialize([...loaded.values()], viewer, undefined);
    }
    return state;
  }
}

/** An event type filter ("A '*' can be used as a wildcard") as an SQL LIKE pattern. */
function likePattern(type: string): string {
  return type.replace(/[\\%_]/g, (c) => `\\${c}`).replace(/\*/g, '%');
}

/** The results grouped by room or sender, groups ordered by their best result. */
function groups(
  rows: readonly EventRow[],
  groupBy: readonly ('room_id' | 'sender')[],
  next: string | undefined,
): Record<string, Record<string, SearchGroupValue>> {
  const out: Record<string, Record<string, SearchGroupValue>> = {};
  for (const key of groupBy) {
    const byValue: Record<string, SearchGroupValue> = {};
    for (const row of rows) {
      const value = key === 'room_id' ? row.roomId : row.sender;
      const group = (byValue[value] ??= { order: Object.keys(byValue).length + 1, results: [] });
      group.results.push(row.eventId);
      if (next !== undefined) group.next_batch = next;
    }
    out[key] = byValue;
  }
  return out;
}
