import { Injectable } from '@nestjs/common';
import { GetThreadRootsResponse } from '@switchboard/protocol';
import { EventsRepository, RelationsRepository, Transactions } from '@switchboard/storage';
import { VisibleEvents } from '../relations/visible-events.service';
import { EventSerializer } from '../timeline/event-serializer.service';
import { encodePaginationToken, parsePaginationToken } from '../timeline/pagination-token';
import { RoomAccess } from '../timeline/room-access.service';

export interface ThreadsQuery {
  include: 'all' | 'participated';
  from?: string;
  limit: number;
}

interface Viewer {
  userId: string;
  deviceId: string;
}

/**
 * GET /rooms/{roomId}/threads: "Paginates over the thread roots in a room, ordered by the
 * latest_event of each thread root in its bundle", newest first.
 */
@Injectable()
export class ThreadsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly relations: RelationsRepository,
    private readonly access: RoomAccess,
    private readonly visible: VisibleEvents,
    private readonly serializer: EventSerializer,
  ) {}

  async roots(viewer: Viewer, roomId: string, query: ThreadsQuery): Promise<GetThreadRootsResponse> {
    const upTo =
      query.from === undefined ? Number.MAX_SAFE_INTEGER : parsePaginationToken(query.from, 'from');
    await this.access.assertCanRead(viewer.userId, roomId);
    const q = this.transactions.reader;
    const threads = await this.relations.threads(q, roomId, {
      upTo,
      limit: query.limit,
      // "participated: Only return threads that the user has participated in" (started or replied to).
      participant: query.include === 'participated' ? viewer.userId : undefined,
    });
    const loaded = await this.events.getMany(
      q,
      threads.map((t) => t.rootId),
    );
    const roots = threads.flatMap((t) => {
      const row = loaded.get(t.rootId);
      return row && row.roomId === roomId ? [row] : [];
    });
    const response: GetThreadRootsResponse = {
      chunk: await this.serializer.serialize(
        await this.visible.filter(viewer.userId, roots),
        viewer,
        undefined,
      ),
    };
    if (threads.length === query.limit && threads.length > 0) {
      response.next_batch = encodePaginationToken(threads[threads.length - 1].latest - 1);
    }
    return response;
  }
}
