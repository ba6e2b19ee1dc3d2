import { Body, Controller, Param, Query } from '@nestjs/common';
import { JsonObject, setRoomStateWithKey } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { massagedTimestamp } from '../auth/timestamp-massaging';
import { RoomStateService } from './room-state.service';

@Controller()
export class RoomStateController {
  constructor(private readonly state: RoomStateService) {}

  /**
   * PUT /_matrix/client/v3/rooms/{roomId}/state/{eventType}/{stateKey} — client-server-api "Sending
   * events to a room"; an empty state key is the path with a trailing slash. 403 M_FORBIDDEN
   * without the power, 400 M_BAD_ALIAS for a canonical alias that points elsewhere. An
   * application service may give `?ts=` (application-service-api "Timestamp massaging").
   */
  @MatrixRoute(setRoomStateWithKey)
  async setRoomStateWithKey(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventType') eventType: string,
    @Param('stateKey') stateKey: string | undefined,
    @Body() body: unknown,
    @Query() query: unknown,
  ): Promise<{ event_id: string }> {
    const content = jsonObject(body) as JsonObject;
    const ts = massagedTimestamp(requester, query);
    return { event_id: await this.state.set(requester, roomId, eventType, stateKey ?? '', content, ts) };
  }
}
