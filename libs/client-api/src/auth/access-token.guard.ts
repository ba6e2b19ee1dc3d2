import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Endpoint, logout, logoutAll, MatrixError, uploadKeys } from '@switchboard/protocol';
import { MATRIX_ENDPOINT } from '@switchboard/http';
import { AccessTokenAuthService } from './access-token-auth.service';
import { AppserviceAuthService } from './appservice-auth.service';
import { NO_DEVICE, setRequester } from './requester';
import { refusedWhileSuspended } from './suspension-rules';

/** client-server-api "Account locking": "on all but the following Client-Server APIs". */
const LOCKED_MAY_CALL = new Set([logout.operationId, logoutAll.operationId]);

/**
 * application-service-api "Identity assertion": without `device_id` the server "will fail to
 * complete operations which require a device ID (such as uploading one-time keys)".
 */
const NEEDS_DEVICE = new Set([uploadKeys.operationId]);

/**
 * Authenticates every route bound with @MatrixRoute whose descriptor says `access_token` (a token
 * is required) or `optional_access_token` (a token is checked when one is given). Routes with
 * other auth kinds (`none`, `x_matrix`, `as_token`) and plain Nest routes are left alone. An
 * application service's as_token is taken for the user it acts as (AppserviceAuthService).
 * Installed app-wide (APP_GUARD), so a controller only declares its endpoint's auth.
 */
@Injectable()
export class AccessTokenGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AccessTokenAuthService,
    private readonly appservices: AppserviceAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const endpoint = this.reflector.get<Endpoint | undefined>(MATRIX_ENDPOINT, context.getHandler());
    if (endpoint?.auth !== 'access_token' && endpoint?.auth !== 'optional_access_token') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const token = accessTokenOf(request);
    if (token === undefined) {
      if (endpoint.auth === 'optional_access_token') return true;
      throw missingToken('Missing access token.');
    }
    const userAgent = request.headers['user-agent'];
    const { suspended, ...requester } =
      (await this.appservices.authenticate(token, request.query)) ??
      (await this.auth.authenticate(
        token,
        request.ip ?? null,
        typeof userAgent === 'string' ? userAgent : null,
        LOCKED_MAY_CALL.has(endpoint.operationId),
      ));
    if (requester.deviceId === NO_DEVICE && NEEDS_DEVICE.has(endpoint.operationId)) {
      throw new MatrixError('M_MISSING_PARAM', 400, 'An application service must give device_id for this.');
    }
    if (suspended && refusedWhileSuspended(endpoint, request.params, request.body)) {
      throw new MatrixError('M_USER_SUSPENDED', 403, 'You cannot perform this action while suspended.');
    }
    setRequester(request, requester);
    return true;
  }
}

/**
 * client-server-api "Using access tokens": `Authorization: Bearer <token>` or the deprecated
 * `access_token` query parameter; "Homeservers MUST support both methods". Giving both, or a
 * header of another scheme, is refused as Synapse does.
 */
export function accessTokenOf(request: Pick<FastifyRequest, 'headers' | 'query'>): string | undefined {
  const header = request.headers.authorization;
  const query = (request.query as Record<string, unknown> | undefined)?.access_token;
  if (header !== undefined) {
    if (query !== undefined)
      throw missingToken('Mixing Authorization headers and access_token query parameters.');
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match) throw missingToken('Invalid Authorization header.');
    return match[1];
  }
  if (query === undefined) return undefined;
  if (typeof query !== 'string' || query === '') throw missingToken('Invalid access_token query parameter.');
  return query;
}

function missingToken(message: string): MatrixError {
  return new MatrixError('M_MISSING_TOKEN', 401, message);
}
