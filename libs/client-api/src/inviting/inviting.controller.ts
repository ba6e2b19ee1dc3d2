import { Body, Controller, Param } from '@nestjs/common';
import { inviteUser } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { targetOf } from '../membership/membership-request';
import { MembershipService } from '../membership/membership.service';

type Empty = Record<string, never>;

@Controller()
export class InvitingController {
  constructor(private readonly membership: MembershipService) {}

  /** POST /_matrix/client/v3/rooms/{roomId}/invite — client-server-api "Joining rooms" (inviting); 403 M_FORBIDDEN. */
  @MatrixRoute(inviteUser)
  async inviteUser(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const { userId, reason } = targetOf(body);
    await this.membership.invite(requester, roomId, userId, reason);
    return {};
  }
}
