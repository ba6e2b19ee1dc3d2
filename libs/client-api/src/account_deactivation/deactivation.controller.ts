import { Body, Controller } from '@nestjs/common';
import { deactivateAccount, DeactivateAccountResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { DeactivationService } from './deactivation.service';

@Controller()
export class DeactivationController {
  constructor(private readonly deactivation: DeactivationService) {}

  /**
   * POST /_matrix/client/v3/account/deactivate
   * client-server-api "Account deactivation": User-Interactive Authentication with m.login.password.
   */
  @MatrixRoute(deactivateAccount)
  deactivate(
    @Requester() requester: Requester | undefined,
    @Body() body: unknown,
  ): Promise<DeactivateAccountResponse> {
    return this.deactivation.deactivate(requester, jsonObject(body));
  }
}
