import { Injectable } from '@nestjs/common';
import { GetRoomEventsResponse, JsonObject, lazyLoadOptions, RoomEventFilter } from '@switchboard/protocol';
import { EventRow, EventsRepository, Transactions } from '@switchboard/storage';
import { EventSerializer } from '../timeline/event-serializer.service';
import { memberState } from '../timeline/member-state';
import { encodePaginationToken, parsePaginationToken } from '../timeline/pagination-token';
import { RoomAccess } from '../timeline/room-access.service';
import { ROOM_START, RoomStateAt } from '../timeline/room-state-at.service';
import { Direction, TimelineScanner } from '../timeline/timeline-scan.service';
import { HistoryBackfill } from './history-backfill.service';

export interface MessagesQuery {
  from?: string;
  to?: string;
  dir: Direction;
  limit: number;
  filter?: RoomEventFilter;
}

interface Viewer {
  userId: string;
  deviceId: string;
}

/** GET /rooms/{roomId}/messages: a page of the room's history as the user may see it. */
@Injectable()
export class MessagesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly access: RoomAccess,
    private readonly scanner: TimelineScanner,
    private readonly stateAt: RoomStateAt,
    private readonly serializer: EventSerializer,
    private readonly backfill: HistoryBackfill,
  ) {}

  async paginate(viewer: Viewer, roomId: string, query: MessagesQuery): Promise<GetRoomEventsResponse> {
    await this.access.assertCanRead(viewer.userId, roomId);
    // Parsed before any read, so a bad token is a 400 whatever the room holds.
    const from = query.from === undefined ? undefined : parsePaginationToken(query.from, 'from');
    const to = query.to === undefined ? undefined : parsePaginationToken(query.to, 'to');
    const latest = await this.events.maxStreamOrdering(this.transactions.reader);
    // Without `from`: "from the first or last (per the value of the `dir` parameter) visible event".
    const start = from ?? (query.dir === 'b' ? latest : ROOM_START);
    const range =
      query.dir === 'b' ? { after: to ?? ROOM_START, upTo: start } : { after: start, upTo: to ?? latest };
    const read = () => this.scanner.scan(viewer.userId, roomId, range, query.dir, query.limit, query.filter);
    let scan = await read();
    // Paging back past the oldest stored event: older history may be on the other servers in the
    // room (server-server-api "Backfilling and retrieving missing events"); once it is stored
    // (below every position so far, so inside this range) the same page is read again.
    const reachedStart = query.dir === 'b' && to === undefined && scan.next === undefined;
    if (reachedStart && scan.rows.length < query.limit && (await this.backfill.fill(roomId, query.limit))) {
      scan = await read();
    }
    const response: GetRoomEventsResponse = {
      start: query.from ?? encodePaginationToken(start),
      chunk: await this.serializer.serialize(scan.rows, viewer, undefined),
    };
    if (scan.next !== undefined) response.end = encodePaginationToken(scan.next);
    // A page with events always carries `end`, as Synapse's do: forwards, more may come after the
    // last event; backwards, the client learns it reached the start from the next, empty page
    // (which has no `end`). Clients and SyTest rely on this reading of "omitted".
    else if (scan.rows.length > 0) {
      const last = scan.rows[scan.rows.length - 1].streamOrdering!;
      response.end = encodePaginationToken(query.dir === 'f' ? last : last - 1);
    }
    if (lazyLoadOptions(query.filter).lazyLoadMembers && scan.rows.length > 0) {
      response.state = await this.members(viewer, scan.rows, query.dir);
    }
    return response;
  }

  /** The senders' member events as of the newest event of the page, so joins within it count. */
  private async members(viewer: Viewer, rows: readonly EventRow[], dir: Direction): Promise<JsonObject[]> {
    const newest = dir === 'b' ? rows[0] : rows[rows.length - 1];
    const at = await this.stateAt.at(newest.roomId, newest.streamOrdering!);
    const state = memberState(at, new Set(rows.map((r) => r.sender)));
    return this.serializer.serialize(await this.stateAt.rows(state), viewer, undefined);
  }
}
