import { Controller, Param, Query } from '@nestjs/common';
import { getEventContext, GetEventContextResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { integerQueryParam, roomEventFilterQueryParam } from '../timeline/query-params';
import { EventContextService } from './event-context.service';

/** "Defaults to 10", capped like /messages. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

@Controller()
export class EventContextController {
  constructor(private readonly contexts: EventContextService) {}

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/context/{eventId} — client-server-api "Getting events
   * for a room"; 404 M_NOT_FOUND for an event the user may not see.
   */
  @MatrixRoute(getEventContext)
  getEventContext(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Query() query: unknown,
  ): Promise<GetEventContextResponse> {
    const limit = Math.min(integerQueryParam(query, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT);
    return this.contexts.context(requester, roomId, eventId, limit, roomEventFilterQueryParam(query));
  }
}
