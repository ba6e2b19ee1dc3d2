import { Body, Controller, Param, Query } from '@nestjs/common';
import { JsonObject, sendMessage } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { massagedTimestamp } from '../auth/timestamp-massaging';
import { RoomSendService } from './room-send.service';

@Controller()
export class RoomSendController {
  constructor(private readonly rooms: RoomSendService) {}

  /**
   * PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId} — client-server-api "Sending
   * events to a room"; a repeated txnId from the same device returns the first event ID. An
   * application service may give `?ts=` (application-service-api "Timestamp massaging").
   */
  @MatrixRoute(sendMessage)
  async sendMessage(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventType') eventType: string,
    @Param('txnId') txnId: string,
    @Body() body: unknown,
    @Query() query: unknown,
  ): Promise<{ event_id: string }> {
    const content = jsonObject(body) as JsonObject;
    const ts = massagedTimestamp(requester, query);
    return { event_id: await this.rooms.send(requester, roomId, eventType, txnId, content, ts) };
  }
}
