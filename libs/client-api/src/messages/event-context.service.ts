import { Injectable } from '@nestjs/common';
import {
  GetEventContextResponse,
  lazyLoadOptions,
  MatrixError,
  matchesEventFilter,
  RoomEventFilter,
  StateMap,
} from '@switchboard/protocol';
import { UserCan } from '@switchboard/rooms';
import { EventsRepository, Transactions } from '@switchboard/storage';
import { EventSerializer } from '../timeline/event-serializer.service';
import { filterableEvent } from '../timeline/filterable-event';
import { memberState } from '../timeline/member-state';
import { encodePaginationToken } from '../timeline/pagination-token';
import { RoomAccess } from '../timeline/room-access.service';
import { ROOM_START, RoomStateAt } from '../timeline/room-state-at.service';
import { TimelineScanner } from '../timeline/timeline-scan.service';

/** GET /rooms/{roomId}/context/{eventId}: the events around one event, and the state after them. */
@Injectable()
export class EventContextService {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly access: RoomAccess,
    private readonly userCan: UserCan,
    private readonly scanner: TimelineScanner,
    private readonly stateAt: RoomStateAt,
    private readonly serializer: EventSerializer,
  ) {}

  async context(
    viewer: { userId: string; deviceId: string },
    roomId: string,
    eventId: string,
    limit: number,
    filter: RoomEventFilter | undefined,
  ): Promise<GetEventContextResponse> {
    await this.access.assertCanRead(viewer.userId, roomId);
    const q = this.transactions.reader;
    const event = await this.events.get(q, eventId);
    const position = event?.streamOrdering;
    if (
      !event ||
      event.roomId !== roomId ||
      position == null ||
      event.softFailed ||
      event.rejectedReason !== null ||
      !(await this.userCan.canSee(viewer.userId, event))
    ) {
      throw new MatrixError('M_NOT_FOUND', 404, 'Event not found');
    }
    const latest = await this.events.maxStreamOrdering(q);
    // "The limit applies to the sum of the events_before and events_after arrays."
    const beforeLimit = Math.floor(limit / 2);
    const before = await this.scanner.scan(
      viewer.userId,
      roomId,
      { after: ROOM_START, upTo: position - 1 },
      'b',
      beforeLimit,
      filter,
    );
    const after = await this.scanner.scan(
      viewer.userId,
      roomId,
      { after: position, upTo: latest },
      'f',
      limit - beforeLimit,
      filter,
    );
    const oldest = before.rows[before.rows.length - 1];
    const newest = after.rows[after.rows.length - 1] ?? event;

    // "The state of the room at the last event returned."
    let state: StateMap<string> = await this.stateAt.at(roomId, newest.streamOrdering!);
    if (lazyLoadOptions(filter).lazyLoadMembers) {
      state = memberState(state, new Set([event, ...before.rows, ...after.rows].map((r) => r.sender)));
    }
    const stateRows = (await this.stateAt.rows(state)).filter(
      (r) => !filter || matchesEventFilter(filter, filterableEvent(r)),
    );
    const [serialized] = await this.serializer.serialize([event], viewer, undefined);
    return {
      start: encodePaginationToken(before.next ?? (oldest ? oldest.streamOrdering! - 1 : position - 1)),
      end: encodePaginationToken(after.next ?? newest.streamOrdering!),
      events_before: await this.serializer.serialize(before.rows, viewer, undefined),
      event: serialized,
      events_after: await this.serializer.serialize(after.rows, viewer, undefined),
      state: await this.serializer.serialize(stateRows, viewer, undefined),
    };
  }
}
