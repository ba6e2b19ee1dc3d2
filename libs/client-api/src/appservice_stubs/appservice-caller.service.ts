import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MatrixError } from '@switchboard/protocol';
import { AccessTokenAuthService } from '../auth/access-token-auth.service';
import { accessTokenOf } from '../auth/access-token.guard';

/**
 * Resolves the `as_token` of a request made by an application service (application-service-api
 * "Client-Server API Extensions"). The server loads no registration yet, so no token is an
 * application service's: a user's token is refused with M_FORBIDDEN, as the endpoints answer
 * when "the access token used to authenticate the request doesn't belong to an application
 * service", and any other token is M_MISSING_TOKEN or M_UNKNOWN_TOKEN as for users.
 */
@Injectable()
export class AppserviceCallerService {
  constructor(private readonly users: AccessTokenAuthService) {}

  /**
   * Refuses every request, as none can come from an application service; once registrations
   * are loaded this returns the caller's, and `appserviceId` (the path's, for /ping) must be its
   * ID ("the appservice ID in the path must be the same as the appservice whose as_token is being used").
   */
  async requireAppservice(request: FastifyRequest, _appserviceId?: string): Promise<never> {
    const token = accessTokenOf(request);
    if (token === undefined) throw new MatrixError('M_MISSING_TOKEN', 401, 'Missing access token.');
    await this.users.authenticate(token, request.ip ?? null);
    throw new MatrixError('M_FORBIDDEN', 403, 'The access token does not belong to an application service.');
  }
}
