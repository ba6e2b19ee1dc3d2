import { Body, Controller } from '@nestjs/common';
import {
  changePassword,
  RequestTokenResponse,
  requestTokenToResetPasswordEmail,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { EmailValidationService } from '../threepid/email-validation.service';
import { PasswordService } from './password.service';

@Controller()
export class PasswordController {
  constructor(
    private readonly passwords: PasswordService,
    private readonly validation: EmailValidationService,
  ) {}

  /**
   * POST /_matrix/client/v3/account/password
   * client-server-api "Password management": User-Interactive Authentication with m.login.password,
   * or m.login.email.identity to reset a forgotten password.
   */
  @MatrixRoute(changePassword)
  async changePassword(
    @Requester() requester: Requester | undefined,
    @Body() body: unknown,
  ): Promise<Record<string, never>> {
    await this.passwords.change(requester, jsonObject(body));
    return {};
  }

  /**
   * POST /_matrix/client/v3/account/password/email/requestToken: as /register/email/requestToken,
   * but "the homeserver must check that the given email address is associated with an account".
   */
  @MatrixRoute(requestTokenToResetPasswordEmail)
  resetEmailToken(@Body() body: unknown): Promise<RequestTokenResponse> {
    return this.validation.requestToken('reset', jsonObject(body));
  }
}
