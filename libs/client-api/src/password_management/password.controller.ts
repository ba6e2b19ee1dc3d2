import { Body, Controller } from '@nestjs/common';
import { changePassword } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { PasswordService } from './password.service';

@Controller()
export class PasswordController {
  constructor(private readonly passwords: PasswordService) {}

  /**
   * POST /_matrix/client/v3/account/password
   * client-server-api "Password management": User-Interactive Authentication with m.login.password.
   */
  @MatrixRoute(changePassword)
  async changePassword(
    @Requester() requester: Requester | undefined,
    @Body() body: unknown,
  ): Promise<Record<string, never>> {
    await this.passwords.change(requester, jsonObject(body));
    return {};
  }
}
