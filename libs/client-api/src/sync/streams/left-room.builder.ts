import { Injectable } from '@nestjs/common';
import { UserCan } from '@switchboard/rooms';
import { EventsRepository, MembershipRow, Transactions } from '@switchboard/storage';
import { EventSerializer } from '../../timeline/event-serializer.service';
import { encodePaginationToken } from '../../timeline/pagination-token';
import { ROOM_START, RoomStateAt } from '../../timeline/room-state-at.service';
import { SyncRequest, SyncResponseBuilder } from '../sync-stream';
import { RoomTimelineBuilder } from './room-timeline.builder';

/**
 * One entry of rooms.leave: the timeline up to the leave (or ban). Someone who never joined (a
 * rejected or withdrawn invite, a refused knock) sees the leave event alone: the room's history
 * and state were never theirs.
 */
@Injectable()
export class LeftRoomBuilder {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly userCan: UserCan,
    private readonly serializer: EventSerializer,
    private readonly timelines: RoomTimelineBuilder,
    private readonly stateAt: RoomStateAt,
  ) {}

  /** `from` is ROOM_START for an initial sync with include_leave. */
  async build(req: SyncRequest, out: SyncResponseBuilder, row: MembershipRow, from: number): Promise<void> {
    const leave = ((out.body.rooms ??= {}).leave ??= {});
    const history = await this.userCan.membershipHistory(row.roomId, req.userId);
    if (history?.previous !== 'join') {
      const event = await this.events.get(this.transactions.reader, row.eventId);
      const events = event
        ? await this.serializer.serialize([event], req, req.filter, { withoutRoomId: true })
        : [];
      leave[row.roomId] = {
        timeline: { events, limited: false, prev_batch: encodePaginationToken(row.streamOrdering - 1) },
        [req.useStateAfter ? 'state_after' : 'state']: { events: [] },
      };
      return;
    }
    // Joined and left since `since`: the client never had the room's state, so it gets all of it.
    const fullState =
      from === ROOM_START || (await this.stateAt.membershipAt(row.roomId, req.userId, from)) !== 'join';
    const window = { roomId: row.roomId, after: from, upTo: row.streamOrdering, fullState };
    const sections = await this.timelines.build(req, window);
    if (sections) leave[row.roomId] = { timeline: sections.timeline, [sections.stateField]: sections.state };
  }
}
