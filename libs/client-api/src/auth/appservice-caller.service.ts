import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Appservice } from '@switchboard/appservice';
import { MatrixError } from '@switchboard/protocol';
import { AccessTokenAuthService } from './access-token-auth.service';
import { accessTokenOf } from './access-token.guard';
import { AppserviceAuthService } from './appservice-auth.service';

/**
 * The application service that made a request to an endpoint only application services may call
 * (`as_token` endpoints, which the guard leaves alone; /register and /login with
 * `m.login.application_service`). application-service-api "Client-Server API Extensions": a
 * missing or unknown token is 401 M_MISSING_TOKEN or M_UNKNOWN_TOKEN "as invalid auth in the
 * client-server API"; a user's token is 403 M_FORBIDDEN, as the endpoints answer when "the access
 * token used to authenticate the request doesn't belong to an application service".
 */
@Injectable()
export class AppserviceCallerService {
  constructor(
    private readonly users: AccessTokenAuthService,
    private readonly appservices: AppserviceAuthService,
  ) {}

  /**
   * `appserviceId`: the path's, for /ping, which must be the caller's ("the appservice ID in the
   * path must be the same as the appservice whose as_token is being used"): M_FORBIDDEN otherwise.
   */
  async requireAppservice(request: FastifyRequest, appserviceId?: string): Promise<Appservice> {
    const token = accessTokenOf(request);
    if (token === undefined) throw new MatrixError('M_MISSING_TOKEN', 401, 'Missing access token.');
    const service = this.appservices.appserviceOf(token);
    if (!service) {
      await this.users.authenticate(token, request.ip ?? null);
      throw new MatrixError(
        'M_FORBIDDEN',
        403,
        'The access token does not belong to an application service.',
      );
    }
    if (appserviceId !== undefined && appserviceId !== service.id) {
      throw new MatrixError(
        'M_FORBIDDEN',
        403,
        `The access token is not that of application service ${appserviceId}.`,
      );
    }
    return service;
  }

  /**
   * For /register and /login with `m.login.application_service`: any token that is not an
   * as_token, a user's included, is 401 M_UNKNOWN_TOKEN ("without a valid `as_token`, the
   * endpoints will return an error with the M_MISSING_TOKEN or M_UNKNOWN_TOKEN error code and
   * 401"). client-server-api "Appservice Login" still says M_FORBIDDEN; Synapse answers
   * M_UNKNOWN_TOKEN as the newer text does.
   */
  asTokenCaller(request: FastifyRequest): Appservice {
    const token = accessTokenOf(request);
    if (token === undefined) throw new MatrixError('M_MISSING_TOKEN', 401, 'Missing access token.');
    const service = this.appservices.appserviceOf(token);
    if (!service) {
      const message = 'This login type is only valid for application services.';
      throw new MatrixError('M_UNKNOWN_TOKEN', 401, message, { soft_logout: false });
    }
    return service;
  }
}
