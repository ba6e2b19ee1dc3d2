import { Controller, Query } from '@nestjs/common';
import { registrationTokenValidity, RegistrationTokenValidityResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { queryParam } from '../accounts/request-body';
import { RegistrationService } from '../registration/registration.service';

@Controller()
export class RegistrationTokenValidityController {
  constructor(private readonly registration: RegistrationService) {}

  /**
   * GET /_matrix/client/v1/register/m.login.registration_token/validity
   * client-server-api "Token-authenticated registration".
   */
  @MatrixRoute(registrationTokenValidity)
  async validity(@Query() query: unknown): Promise<RegistrationTokenValidityResponse> {
    return { valid: await this.registration.isTokenValid(queryParam(query, 'token')) };
  }
}
