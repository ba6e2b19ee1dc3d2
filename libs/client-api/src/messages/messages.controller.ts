import { Controller, Param, Query } from '@nestjs/common';
import { getRoomEvents, GetRoomEventsResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { optionalQueryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import {
  integerQueryParam,
  requiredEnumQueryParam,
  roomEventFilterQueryParam,
} from '../timeline/query-params';
import { MessagesService } from './messages.service';

/** "Default: 10"; servers should cap what one request may ask for. */
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

@Controller()
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  /**
   * GET /_matrix/client/v3/rooms/{roomId}/messages — client-server-api "Pagination"; `from` and
   * `to` take /sync's next_batch and prev_batch or an earlier `end`; 403 for a non-member.
   */
  @MatrixRoute(getRoomEvents)
  getRoomEvents(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Query() query: unknown,
  ): Promise<GetRoomEventsResponse> {
    const filter = roomEventFilterQueryParam(query);
    const limit = integerQueryParam(query, 'limit') ?? filter?.limit ?? DEFAULT_LIMIT;
    return this.messages.paginate(requester, roomId, {
      from: optionalQueryParam(query, 'from'),
      to: optionalQueryParam(query, 'to'),
      dir: requiredEnumQueryParam(query, 'dir', ['b', 'f'] as const),
      limit: Math.min(limit, MAX_LIMIT),
      filter,
    });
  }
}
