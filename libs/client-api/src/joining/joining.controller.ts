import { Body, Controller, Param, Query } from '@nestjs/common';
import { joinRoom, joinRoomById } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { joinContentOf, viaOf } from '../membership/membership-request';
import { MembershipService } from '../membership/membership.service';

@Controller()
export class JoiningController {
  constructor(private readonly membership: MembershipService) {}

  /** POST /_matrix/client/v3/rooms/{roomId}/join — client-server-api "Joining rooms"; 403 M_FORBIDDEN, 404 M_NOT_FOUND. */
  @MatrixRoute(joinRoomById)
  async joinRoomById(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<{ room_id: string }> {
    return { room_id: await this.membership.join(requester, roomId, joinContentOf(body)) };
  }

  /**
   * POST /_matrix/client/v3/join/{roomIdOrAlias} — client-server-api "Joining rooms"; `via` (and
   * the deprecated `server_name`) name servers to join a room of others through.
   */
  @MatrixRoute(joinRoom)
  async joinRoom(
    @Requester() requester: Requester,
    @Param('roomIdOrAlias') roomIdOrAlias: string,
    @Body() body: unknown,
    @Query() query: unknown,
  ): Promise<{ room_id: string }> {
    return {
      room_id: await this.membership.join(requester, roomIdOrAlias, joinContentOf(body), viaOf(query)),
    };
  }
}
