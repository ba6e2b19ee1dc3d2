import { Body, Controller, Param } from '@nestjs/common';
import { forgetRoom, leaveRoom } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { reasonOf } from '../membership/membership-request';
import { MembershipService } from '../membership/membership.service';
import { ServerNoticeMembership } from '../server_notices/server-notice-membership.service';

type Empty = Record<string, never>;

@Controller()
export class LeavingController {
  constructor(
    private readonly membership: MembershipService,
    private readonly serverNotices: ServerNoticeMembership,
  ) {}

  /** POST /_matrix/client/v3/rooms/{roomId}/leave — client-server-api "Leaving rooms". */
  @MatrixRoute(leaveRoom)
  async leaveRoom(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.serverNotices.assertMayLeave(requester.userId, roomId);
    await this.membership.leave(requester, roomId, reasonOf(body));
    return {};
  }

  /** POST /_matrix/client/v3/rooms/{roomId}/forget — client-server-api "Leaving rooms"; 400 M_UNKNOWN while joined. */
  @MatrixRoute(forgetRoom)
  async forgetRoom(@Requester() requester: Requester, @Param('roomId') roomId: string): Promise<Empty> {
    await this.membership.forget(requester, roomId);
    return {};
  }
}
