import { Controller } from '@nestjs/common';
import { getTokenOwner, WhoamiResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';

@Controller()
export class WhoamiController {
  /**
   * GET /_matrix/client/v3/account/whoami
   * client-server-api "Current account information".
   */
  @MatrixRoute(getTokenOwner)
  whoami(@Requester() requester: Requester): WhoamiResponse {
    return { user_id: requester.userId, device_id: requester.deviceId, is_guest: requester.isGuest };
  }
}
