import { Body, Controller, Param } from '@nestjs/common';
import { ban, unban } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { targetOf } from '../membership/membership-request';
import { MembershipService } from '../membership/membership.service';

type Empty = Record<string, never>;

@Controller()
export class BanningController {
  constructor(private readonly membership: MembershipService) {}

  /** POST /_matrix/client/v3/rooms/{roomId}/ban — client-server-api "Banning users in a room"; 403 M_FORBIDDEN. */
  @MatrixRoute(ban)
  async ban(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const { userId, reason } = targetOf(body);
    await this.membership.ban(requester, roomId, userId, reason);
    return {};
  }

  /** POST /_matrix/client/v3/rooms/{roomId}/unban — client-server-api "Banning users in a room"; 403 M_FORBIDDEN. */
  @MatrixRoute(unban)
  async unban(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const { userId, reason } = targetOf(body);
    await this.membership.unban(requester, roomId, userId, reason);
    return {};
  }
}
