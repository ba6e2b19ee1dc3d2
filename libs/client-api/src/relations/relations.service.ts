import { Injectable } from '@nestjs/common';
import { GetRelatingEventsResponse, MatrixError } from '@switchboard/protocol';
import { EventsRepository, RelationsRepository, Transactions } from '@switchboard/storage';
import { EventSerializer } from '../timeline/event-serializer.service';
import { encodePaginationToken, parsePaginationToken } from '../timeline/pagination-token';
import { Direction } from '../timeline/timeline-scan.service';
import { VisibleEvents } from './visible-events.service';

export interface RelationsQuery {
  relType?: string;
  eventType?: string;
  from?: string;
  to?: string;
  dir: Direction;
  limit: number;
  recurse?: boolean;
}

/** "Homeservers SHOULD traverse at least 3 levels of relationships" (Synapse stops at 3). */
export const RECURSION_DEPTH = 3;
const OPEN_END = Number.MAX_SAFE_INTEGER;

interface Viewer {
  userId: string;
  deviceId: string;
}

/** GET /rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]]: a parent's children, a page at a time. */
@Injectable()
export class RelationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly relations: RelationsRepository,
    private readonly visible: VisibleEvents,
    private readonly serializer: EventSerializer,
  ) {}

  async children(
    viewer: Viewer,
    roomId: string,
    eventId: string,
    query: RelationsQuery,
  ): Promise<GetRelatingEventsResponse> {
    const from = query.from === undefined ? undefined : parsePaginationToken(query.from, 'from');
    const to = query.to === undefined ? undefined : parsePaginationToken(query.to, 'to');
    await this.assertParentVisible(viewer.userId, roomId, eventId);
    const newestFirst = query.dir === 'b';
    // "Note that when paginating the from token should be 'after' the to token in terms of
    // topological ordering, because it is only possible to paginate 'backwards'" (dir b).
    const range = newestFirst
      ? { after: to ?? 0, upTo: from ?? OPEN_END }
      : { after: from ?? 0, upTo: to ?? OPEN_END };
    const depth = query.recurse ? RECURSION_DEPTH : 1;
    const q = this.transactions.reader;
    const page = await this.relations.children(q, {
      roomId,
      parentId: eventId,
      relType: query.relType,
      eventType: query.eventType,
      depth,
      ...range,
      newestFirst,
      limit: query.limit,
    });
    const loaded = await this.events.getMany(
      q,
      page.map((c) => c.eventId),
    );
    const rows = await this.visible.filter(
      viewer.userId,
      page.flatMap((c) => loaded.get(c.eventId) ?? []),
    );
    const response: GetRelatingEventsResponse = {
      chunk: await this.serializer.serialize(rows, viewer, undefined),
    };
    if (page.length === query.limit && page.length > 0) {
      const last = page[page.length - 1].streamOrdering;
      response.next_batch = encodePaginationToken(newestFirst ? last - 1 : last);
    }
    if (query.from !== undefined) response.prev_batch = query.from;
    if (query.recurse !== undefined) response.recursion_depth = depth;
    return response;
  }

  /** 404 "The parent event was not found or the user does not have permission to read this event". */
  private async assertParentVisible(userId: string, roomId: string, eventId: string): Promise<void> {
    const parent = await this.events.get(this.transactions.reader, eventId);
    const seen = parent && parent.roomId === roomId ? await this.visible.filter(userId, [parent]) : [];
    if (seen.length === 0) throw new MatrixError('M_NOT_FOUND', 404, 'Event not found.');
  }
}
