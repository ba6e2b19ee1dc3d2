import { Controller, Param } from '@nestjs/common';
import { getEventAuth, Pdu } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Origin } from '../auth/origin.decorator';
import { EventServing } from './event-serving.service';

@Controller()
export class EventAuthController {
  constructor(private readonly serving: EventServing) {}

  /**
   * GET /_matrix/federation/v1/event_auth/{roomId}/{eventId}
   * server-server-api "Retrieving event authorization information": the event's full auth chain.
   */
  @MatrixRoute(getEventAuth)
  async eventAuth(
    @Origin() origin: string,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
  ): Promise<{ auth_chain: Pdu[] }> {
    await this.serving.requireServerInRoom(origin, roomId);
    await this.serving.eventInRoom(roomId, eventId);
    const ids = await this.serving.authChainIds([eventId]);
    const events = await this.serving.pdus(ids);
    return { auth_chain: ids.map((id) => events.get(id)?.pdu).filter((p) => p !== undefined) };
  }
}
