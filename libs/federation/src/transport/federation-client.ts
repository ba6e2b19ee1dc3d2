import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { HttpMethod, JsonValue, MatrixError, SigningKey, signRequest } from '@switchboard/protocol';
import { SIGNING_KEY } from '@switchboard/storage';
import { FederationRemoteError } from './federation-remote.error';
import { FederationTransportError } from './federation-transport.error';
import { HttpsResponse, HttpsTransport } from './https-transport';
import { ServerResolver } from './server-resolver';

export interface FederationRequest {
  method: HttpMethod;
  /** From `/_matrix/...`, with `?` and the encoded query if any: exactly what is signed and sent. */
  path: string;
  /** A JSON object; for POST and PUT, `{}` when not given (the spec requires one). */
  body?: object;
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** The v1 invite, send_join and send_leave answer `[200, body]` (MSC1802): the body is returned. */
  v1Wrapped?: boolean;
}

/** Synapse's default federation request timeout. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** Synapse's MAX_RESPONSE_SIZE for federation JSON: /state of a large room is big. */
const DEFAULT_MAX_RESPONSE_BYTES = 100 * 1024 * 1024;

/**
 * The one client for outbound federation: resolves the destination (server discovery), signs the
 * request with this server's key (server-server-api "Request Authentication"), sends JSON and
 * returns the JSON object of a 2xx answer.
 *
 * Throws FederationRemoteError for an HTTP error answer (the remote's errcode and status),
 * FederationTransportError when no usable answer came (back off), and 403 M_FORBIDDEN when
 * federation is disabled in the config.
 */
@Injectable()
export class FederationClient {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
    private readonly resolver: ServerResolver,
    private readonly transport: HttpsTransport,
  ) {}

  async request<T>(destination: string, request: FederationRequest): Promise<T> {
    const answer = await this.requestBytes(destination, request, 'application/json');
    const parsed = parseJson(answer.body);
    const body = request.v1Wrapped && Array.isArray(parsed) && parsed.length === 2 ? parsed[1] : parsed;
    if (answer.status < 200 || answer.status >= 300) {
      throw new FederationRemoteError(destination, answer.status, body);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new FederationTransportError(destination, 'bad_response', 'the answer is not a JSON object');
    }
    return body as T;
  }

  /**
   * The same signed request, for answers that are not JSON (server-server-api "Content
   * Repository" answers multipart/mixed): the status, headers and bytes of any answer.
   */
  async requestBytes(
    destination: string,
    request: FederationRequest,
    accept: string,
  ): Promise<HttpsResponse> {
    if (!this.config.federation.enabled) {
      throw new MatrixError('M_FORBIDDEN', 403, 'Federation is disabled on this server');
    }
    // "All POST and PUT endpoints require the requesting server to supply a request body
    // containing a (potentially empty) JSON object."
    const content = request.body ?? (request.method === 'POST' || request.method === 'PUT' ? {} : undefined);
    const target = await this.resolver.resolve(destination);
    // "the server names from before delegation would take place are used"
    const authorization = signRequest(
      {
        method: request.method,
        uri: request.path,
        origin: this.config.server_name,
        destination,
        ...(content !== undefined ? { content: content as JsonValue } : {}),
      },
      this.key,
    );
    const headers: Record<string, string> = { authorization, accept };
    if (content !== undefined) headers['content-type'] = 'application/json';
    return this.transport.send(destination, target, {
      method: request.method,
      path: request.path,
      headers,
      body: content !== undefined ? Buffer.from(JSON.stringify(content), 'utf8') : undefined,
      timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    });
  }
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
