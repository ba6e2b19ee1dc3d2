import { Body, Controller } from '@nestjs/common';
import { createRoom } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { parseCreateRoomRequest } from './create-room-request';
import { CreateRoomService } from './create-room.service';

@Controller()
export class CreateRoomController {
  constructor(private readonly rooms: CreateRoomService) {}

  /**
   * POST /_matrix/client/v3/createRoom — client-server-api "Creation". 400 M_BAD_JSON /
   * M_INVALID_PARAM, M_ROOM_IN_USE, M_INVALID_ROOM_STATE, M_UNSUPPORTED_ROOM_VERSION; a refused
   * request leaves no room behind.
   */
  @MatrixRoute(createRoom)
  async createRoom(@Requester() requester: Requester, @Body() body: unknown): Promise<{ room_id: string }> {
    return { room_id: await this.rooms.create(requester, parseCreateRoomRequest(body)) };
  }
}
