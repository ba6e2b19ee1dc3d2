import { Controller, Param } from '@nestjs/common';
import { getOneEvent, JsonObject, MatrixError, parseEventId } from '@switchboard/protocol';
import { UserCan } from '@switchboard/rooms';
import { EventsRepository, Transactions } from '@switchboard/storage';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { EventSerializer } from '../timeline/event-serializer.service';

@Controller()
export class OneEventController {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly userCan: UserCan,
    private readonly serializer: EventSerializer,
  ) {}

  /**
   * GET /_matrix/client/v3/events/{eventId} — old_sync "Get a single event by event ID": "You must
   * have permission to retrieve this event"; 404 "The event was not found or you do not have
   * permission to read this event."
   */
  @MatrixRoute(getOneEvent)
  async getOneEvent(
    @Requester() requester: Requester,
    @Param('eventId') eventId: string,
  ): Promise<JsonObject> {
    parseEventId(eventId);
    const row = await this.events.get(this.transactions.reader, eventId);
    const usable = row && !row.outlier && row.rejectedReason === null && !row.softFailed;
    // The visible row may be a redacted copy (an erased sender's event).
    const [visible] = usable ? await this.userCan.filterEvents(requester.userId, row.roomId, [row]) : [];
    if (!visible) throw new MatrixError('M_NOT_FOUND', 404, 'Event not found.');
    const [served] = await this.serializer.serialize([visible], requester, undefined);
    return served;
  }
}
