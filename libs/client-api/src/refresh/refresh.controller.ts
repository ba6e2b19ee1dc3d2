import { Body, Controller } from '@nestjs/common';
import { refresh, RefreshResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { SessionsService } from '../accounts/sessions.service';

@Controller()
export class RefreshController {
  constructor(private readonly sessions: SessionsService) {}

  /**
   * POST /_matrix/client/v3/refresh
   * client-server-api "Refreshing access tokens": a new access token and a new refresh token.
   */
  @MatrixRoute(refresh)
  async refresh(@Body() body: unknown): Promise<RefreshResponse> {
    const refreshToken = stringField(jsonObject(body), 'refresh_token', { required: true });
    const issued = await this.sessions.refresh(refreshToken);
    return {
      access_token: issued.accessToken,
      refresh_token: issued.refreshToken,
      expires_in_ms: issued.expiresInMs,
    };
  }
}
