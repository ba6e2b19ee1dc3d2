import { Controller } from '@nestjs/common';
import { logout, logoutAll } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { SessionsService } from '../accounts/sessions.service';
import { Requester } from '../auth/requester';

@Controller()
export class LogoutController {
  constructor(private readonly sessions: SessionsService) {}

  /**
   * POST /_matrix/client/v3/logout
   * client-server-api "Logout": "The device associated with the access token is also deleted."
   */
  @MatrixRoute(logout)
  async logout(@Requester() requester: Requester): Promise<Record<string, never>> {
    await this.sessions.logout(requester.userId, requester.deviceId);
    return {};
  }

  /**
   * POST /_matrix/client/v3/logout/all
   * client-server-api "Logout": every access token of the user, and all their devices.
   */
  @MatrixRoute(logoutAll)
  async logoutAll(@Requester() requester: Requester): Promise<Record<string, never>> {
    await this.sessions.logoutAll(requester.userId);
    return {};
  }
}
