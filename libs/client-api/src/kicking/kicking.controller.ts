import { Body, Controller, Param } from '@nestjs/common';
import { kick } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { targetOf } from '../membership/membership-request';
import { MembershipService } from '../membership/membership.service';

type Empty = Record<string, never>;

@Controller()
export class KickingController {
  constructor(private readonly membership: MembershipService) {}

  /** POST /_matrix/client/v3/rooms/{roomId}/kick — client-server-api "Leaving rooms" (kicking); 403 M_FORBIDDEN. */
  @MatrixRoute(kick)
  async kick(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const { userId, reason } = targetOf(body);
    await this.membership.kick(requester, roomId, userId, reason);
    return {};
  }
}
