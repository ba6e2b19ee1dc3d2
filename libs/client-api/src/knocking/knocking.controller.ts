import { Body, Controller, Param, Query } from '@nestjs/common';
import { knockRoom } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { reasonOf, viaOf } from '../membership/membership-request';
import { MembershipService } from '../membership/membership.service';

@Controller()
export class KnockingController {
  constructor(private readonly membership: MembershipService) {}

  /** POST /_matrix/client/v3/knock/{roomIdOrAlias} — client-server-api "Knocking on rooms"; 403 M_FORBIDDEN. */
  @MatrixRoute(knockRoom)
  async knockRoom(
    @Requester() requester: Requester,
    @Param('roomIdOrAlias') roomIdOrAlias: string,
    @Body() body: unknown,
    @Query() query: unknown,
  ): Promise<{ room_id: string }> {
    return { room_id: await this.membership.knock(requester, roomIdOrAlias, reasonOf(body), viaOf(query)) };
  }
}
