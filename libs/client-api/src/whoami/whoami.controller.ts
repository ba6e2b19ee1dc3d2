import { Controller } from '@nestjs/common';
import { getTokenOwner, WhoamiResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { NO_DEVICE, Requester } from '../auth/requester';

@Controller()
export class WhoamiController {
  /**
   * GET /_matrix/client/v3/account/whoami
   * client-server-api "Current account information". `device_id` is left out when "no device is
   * associated with the access token (such as in the case of application services)".
   */
  @MatrixRoute(getTokenOwner)
  whoami(@Requester() requester: Requester): WhoamiResponse {
    return {
      user_id: requester.userId,
      ...(requester.deviceId !== NO_DEVICE ? { device_id: requester.deviceId } : {}),
      is_guest: requester.isGuest,
    };
  }
}
