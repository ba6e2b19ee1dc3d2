import { Controller } from '@nestjs/common';
import { getJoinedRooms } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { JoinedRoomsService } from './joined-rooms.service';

@Controller()
export class JoinedRoomsController {
  constructor(private readonly joinedRooms: JoinedRoomsService) {}

  /** GET /_matrix/client/v3/joined_rooms — client-server-api "Room membership". */
  @MatrixRoute(getJoinedRooms)
  async getJoinedRooms(@Requester() requester: Requester): Promise<{ joined_rooms: string[] }> {
    return { joined_rooms: await this.joinedRooms.list(requester.userId) };
  }
}
