import { Controller, Param, Query } from '@nestjs/common';
import { MatrixError, getEventByTimestamp, GetEventByTimestampResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { integerQueryParam, requiredEnumQueryParam } from '../timeline/query-params';
import { EventByTimestampService } from './event-by-timestamp.service';

@Controller()
export class EventByTimestampController {
  constructor(private readonly finder: EventByTimestampService) {}

  /**
   * GET /_matrix/client/v1/rooms/{roomId}/timestamp_to_event — client-server-api
   * "timestamp_to_event"; 404 M_NOT_FOUND when no visible event lies that way.
   */
  @MatrixRoute(getEventByTimestamp)
  getEventByTimestamp(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Query() query: unknown,
  ): Promise<GetEventByTimestampResponse> {
    const ts = integerQueryParam(query, 'ts');
    if (ts === undefined) throw new MatrixError('M_MISSING_PARAM', 400, 'Missing query parameter: ts');
    const dir = requiredEnumQueryParam(query, 'dir', ['b', 'f'] as const);
    return this.finder.find(requester.userId, roomId, ts, dir);
  }
}
