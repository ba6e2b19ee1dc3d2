import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { MatrixError, SigningKey, signRequest } from '@switchboard/protocol';
import { SIGNING_KEY } from '@switchboard/storage';
import { isJsonObject, JsonObject } from '../accounts/request-body';
import { OutboundHttp } from '@switchboard/http';

/** What an identity server answers POST /store-invite (identity-service-api "Invitation Storage"). */
export interface StoredInvite {
  token: string;
  displayName: string;
  publicKeys: { public_key: string; key_validity_url: string }[];
}

/** A server name with an optional port: what `id_server` may be. */
const ID_SERVER = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Calls to an identity server on a client's behalf, with the client's `id_access_token` (identity-service-api v2). */
@Injectable()
export class IdentityServerClient {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly http: OutboundHttp,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
  ) {}

  /**
   * The Matrix ID bound to the 3PID, or null (identity-service-api "Association lookup"):
   * GET /hash_details, then POST /lookup with the address hashed by `sha256` (or in the clear
   * when the server offers only `none`).
   */
  async lookup(
    idServer: string,
    accessToken: string,
    medium: string,
    address: string,
  ): Promise<string | null> {
    const details = await this.call(
      idServer,
      bearer(accessToken),
      'GET',
      '/_matrix/identity/v2/hash_details',
    );
    const algorithms = Array.isArray(details.algorithms) ? details.algorithms : [];
    const pepper = typeof details.lookup_pepper === 'string' ? details.lookup_pepper : '';
    let algorithm: string;
    let key: string;
    if (algorithms.includes('sha256')) {
      algorithm = 'sha256';
      key = createHash('sha256').update(`${address} ${medium} ${pepper}`, 'utf8').digest('base64url');
    } else if (algorithms.includes('none')) {
      algorithm = 'none';
      key = `${address} ${medium}`;
    } else {
      throw new MatrixError(
        'M_UNKNOWN',
        502,
        `Identity server ${idServer} offers no lookup algorithm we know`,
      );
    }
    const answer = await this.call(idServer, bearer(accessToken), 'POST', '/_matrix/identity/v2/lookup', {
      addresses: [key],
      algorithm,
      pepper,
    });
    const mxid = isJsonObject(answer.mappings) ? answer.mappings[key] : undefined;
    return typeof mxid === 'string' ? mxid : null;
  }

  /** POST /store-invite: the identity server keeps the invite until the 3PID is bound. */
  async storeInvite(idServer: string, accessToken: string, invite: JsonObject): Promise<StoredInvite> {
    const answer = await this.call(
      idServer,
      bearer(accessToken),
      'POST',
      '/_matrix/identity/v2/store-invite',
      invite,
    );
    const keys = Array.isArray(answer.public_keys) ? answer.public_keys.filter(isJsonObject) : [];
    if (typeof answer.token !== 'string' || keys.length === 0)
      throw new MatrixError('M_UNKNOWN', 502, `Identity server ${idServer} gave no invite token`);
    return {
      token: answer.token,
      displayName: typeof answer.display_name === 'string' ? answer.display_name : '',
      publicKeys: keys.map((k) => ({
        public_key: String(k.public_key),
        key_validity_url: String(k.key_validity_url),
      })),
    };
  }

  /** `authorization`: the header, `Bearer <id_access_token>` or the homeserver's X-Matrix signature. */
  /**
   * POST /3pid/bind (identity-service-api "Establishing associations"): the identity server binds
   * the 3PID its validation session `sid` proved to `mxid`. Answers the bound medium and address.
   */
  async bind(
    idServer: string,
    accessToken: string,
    session: { sid: string; clientSecret: string },
    mxid: string,
  ): Promise<{ medium: string; address: string }> {
    const answer = await this.call(idServer, bearer(accessToken), 'POST', '/_matrix/identity/v2/3pid/bind', {
      sid: session.sid,
      client_secret: session.clientSecret,
      mxid,
    });
    if (typeof answer.medium !== 'string' || typeof answer.address !== 'string') {
      throw new MatrixError('M_UNKNOWN', 502, `Identity server ${idServer} did not say what it bound`);
    }
    return { medium: answer.medium, address: answer.address };
  }

  /**
   * POST /3pid/unbind, signed by this server as identity-service-api allows for a homeserver
   * ("the request must be signed with X-Matrix by the homeserver of mxid").
   */
  async unbind(idServer: string, mxid: string, threepid: { medium: string; address: string }): Promise<void> {
    const path = '/_matrix/identity/v2/3pid/unbind';
    const body = { mxid, threepid };
    const authorization = signRequest(
      { method: 'POST', uri: path, origin: this.config.server_name, destination: idServer, content: body },
      this.key,
    );
    await this.call(idServer, authorization, 'POST', path, body);
  }

  private async call(
    idServer: string,
    authorization: string,
    method: 'GET' | 'POST',
    path: string,
    body?: JsonObject,
  ): Promise<JsonObject> {
    if (!ID_SERVER.test(idServer))
      throw new MatrixError('M_INVALID_PARAM', 400, 'id_server must be a server name');
    let status: number;
    let text: string;
    try {
      ({ status, body: text } = await this.http.send(`https://${idServer}${path}`, {
        method,
        headers: {
          authorization,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        verifyCertificate: this.config.identity_servers.verify_certificates,
      }));
    } catch (err) {
      this.logger.warn({ err, id_server: idServer }, 'identity server unreachable');
      throw new MatrixError('M_UNKNOWN', 502, `Identity server ${idServer} could not be reached`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (status !== 200 || !isJsonObject(parsed)) {
      throw new MatrixError('M_UNKNOWN', 502, `Identity server ${idServer} answered ${path} with ${status}`);
    }
    return parsed;
  }
}

function bearer(accessToken: string): string {
  return `Bearer ${accessToken}`;
}
