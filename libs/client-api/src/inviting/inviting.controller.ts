import { Body, Controller, Param } from '@nestjs/common';
import { inviteUser } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { isJsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { targetOf } from '../membership/membership-request';
import { MembershipService } from '../membership/membership.service';
import { thirdPartyInviteeOf, ThirdPartyInviteService } from './third-party-invite.service';

type Empty = Record<string, never>;

@Controller()
export class InvitingController {
  constructor(
    private readonly membership: MembershipService,
    private readonly thirdParty: ThirdPartyInviteService,
  ) {}

  /** POST /_matrix/client/v3/rooms/{roomId}/invite — client-server-api "Joining rooms" (inviting); 403 M_FORBIDDEN. */
  @MatrixRoute(inviteUser)
  async inviteUser(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    // The third-party form of the same endpoint names a 3PID at an identity server instead.
    if (isJsonObject(body) && body.user_id === undefined && body.medium !== undefined) {
      await this.thirdParty.invite(requester, roomId, thirdPartyInviteeOf(body));
      return {};
    }
    const { userId, reason } = targetOf(body);
    await this.membership.invite(requester, roomId, userId, reason);
    return {};
  }
}
