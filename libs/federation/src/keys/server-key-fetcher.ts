import { Injectable } from '@nestjs/common';
import { checkJsonSignedBy, KeyQueryRequest, KeyQueryResponse, ServerKeys } from '@switchboard/protocol';
import { ServerKeyRow } from '@switchboard/storage';
import { FederationClient } from '../transport/federation-client';
import { FederationTransportError } from '../transport/federation-transport.error';
import { TrustedKeyServer } from './remote-keys.options';
import { verifyServerKeys } from './server-keys-response';

/** A key response is one small JSON object; a server sending more is misbehaving. */
const MAX_KEY_RESPONSE_BYTES = 1024 * 1024;
const KEY_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Fetches and verifies server keys over the network (server-server-api "Retrieving server keys"):
 * from the server itself, or from a notary. Stores nothing.
 */
@Injectable()
export class ServerKeyFetcher {
  constructor(private readonly client: FederationClient) {}

  /** GET /_matrix/key/v2/server of `serverName`; throws a federation error when it fails or is invalid. */
  async fromServer(serverName: string): Promise<ServerKeyRow[]> {
    const body = await this.client.request<ServerKeys>(serverName, {
      method: 'GET',
      path: '/_matrix/key/v2/server',
      timeoutMs: KEY_REQUEST_TIMEOUT_MS,
      maxResponseBytes: MAX_KEY_RESPONSE_BYTES,
    });
    const rows = verifyServerKeys(body, serverName, Date.now());
    if (typeof rows === 'string') throw new FederationTransportError(serverName, 'bad_response', rows);
    return rows;
  }

  /**
   * POST /_matrix/key/v2/query to a notary for one key of `serverName`. Each returned response
   * must carry the notary's signature by one of its configured keys and the server's own
   * self-signature; the others are dropped. Throws a federation error when the notary fails.
   */
  async fromNotary(
    notary: TrustedKeyServer,
    serverName: string,
    keyId: string,
    minimumValidUntilTs: number,
  ): Promise<ServerKeyRow[]> {
    const query: KeyQueryRequest = {
      server_keys: { [serverName]: { [keyId]: { minimum_valid_until_ts: minimumValidUntilTs } } },
    };
    const answer = await this.client.request<KeyQueryResponse>(notary.serverName, {
      method: 'POST',
      path: '/_matrix/key/v2/query',
      body: query,
      timeoutMs: KEY_REQUEST_TIMEOUT_MS,
      maxResponseBytes: MAX_KEY_RESPONSE_BYTES,
    });
    if (!Array.isArray(answer.server_keys)) {
      throw new FederationTransportError(notary.serverName, 'bad_response', 'server_keys is not a list');
    }
    const fetchedTs = Date.now();
    return answer.server_keys.flatMap((response: unknown) => {
      if (!signedByNotary(response, notary)) return [];
      const rows = verifyServerKeys(response, serverName, fetchedTs);
      return typeof rows === 'string' ? [] : rows;
    });
  }
}

function signedByNotary(response: unknown, notary: TrustedKeyServer): boolean {
  if (typeof response !== 'object' || response === null) return false;
  try {
    return checkJsonSignedBy(response, notary.serverName, (_server, keyId) => notary.verifyKeys[keyId]).ok;
  } catch {
    return false;
  }
}
