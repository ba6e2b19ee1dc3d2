import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  Endpoint,
  isValidServerName,
  JsonValue,
  MatrixError,
  parseXMatrixHeader,
  verifyRequest,
} from '@switchboard/protocol';
import { MATRIX_ENDPOINT } from '@switchboard/http';
import { LOGGER } from '@switchboard/observability';
import { RemoteKeysService } from '../keys/remote-keys.service';
import { DestinationSender } from '../outbox/destination-sender.service';
import { setOrigin } from './origin.decorator';

/** Bodies that arrive without `Content-Type: application/json` reach us as bytes. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * server-server-api "Request Authentication" for every route bound with @MatrixRoute whose
 * descriptor says `x_matrix`: the X-Matrix header must name this server as destination and carry
 * the origin's signature, with a current key of its `verify_keys`, over the method, the full
 * request target (query included) and the JSON body. Failures are 401 M_UNAUTHORIZED with the
 * reason; on success the handler reads the origin with @Origin(). Installed app-wide (APP_GUARD).
 */
@Injectable()
export class XMatrixGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly remoteKeys: RemoteKeysService,
    private readonly sender: DestinationSender,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const endpoint = this.reflector.get<Endpoint | undefined>(MATRIX_ENDPOINT, context.getHandler());
    if (endpoint?.auth !== 'x_matrix') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    try {
      const origin = await this.authenticate(request);
      setOrigin(request, origin);
      // A server that talks to us is up again: what we hold for it need not wait out its backoff.
      this.sender.peerIsUp(origin);
    } catch (err) {
      if (err instanceof MatrixError) {
        this.logger.warn(
          { reqId: request.id, url: request.url, reason: err.message },
          'X-Matrix authentication failed',
        );
      }
      throw err;
    }
    return true;
  }

  private async authenticate(request: FastifyRequest): Promise<string> {
    const auth = parseXMatrixHeader(request.headers.authorization);
    // A malformed header is a bad request (400, as Synapse answers "localhost:http"), not a bad signature.
    if (!isValidServerName(auth.origin))
      throw new MatrixError('M_UNAUTHORIZED', 400, 'X-Matrix origin is not a server name');
    // Checked before any key is fetched: a request for another server costs us nothing.
    if (auth.destination !== undefined && auth.destination !== this.config.server_name) {
      throw unauthorized(`Request is for ${auth.destination}, not this server`);
    }
    const key = await this.remoteKeys.getVerifyKey(auth.origin, auth.key);
    if (!key) throw unauthorized(`No current key ${auth.key} of ${auth.origin} could be found`);
    // keys_server.yaml: old_verify_keys are "only valid for signing events".
    if (key.expiredTs !== undefined) throw unauthorized(`Key ${auth.key} of ${auth.origin} has expired`);
    const content = jsonBody(request);
    verifyRequest(
      {
        method: request.method,
        // The request target as sent ("including the ? and any query parameters"), before any
        // rewrite of the URL for routing.
        uri: request.originalUrl,
        ...(content !== undefined ? { content } : {}),
      },
      auth,
      this.config.server_name,
      key.key,
    );
    return auth.origin;
  }
}

/**
 * The JSON-parsed body the origin signed. "Requesting servers should supply a Content-Type header
 * of application/json ... but this is not required": a body of another type is parsed here, and
 * the handler gets the parsed JSON too.
 */
function jsonBody(request: FastifyRequest): JsonValue | undefined {
  if (!Buffer.isBuffer(request.body)) return request.body as JsonValue | undefined;
  if (request.body.length === 0) return undefined;
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(UTF8.decode(request.body)) as JsonValue;
  } catch {
    throw new MatrixError('M_NOT_JSON', 400, 'Content not JSON.');
  }
  request.body = parsed;
  return parsed;
}

function unauthorized(message: string): MatrixError {
  return new MatrixError('M_UNAUTHORIZED', 401, message);
}
