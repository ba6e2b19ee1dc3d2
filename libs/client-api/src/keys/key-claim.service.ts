import { Inject, Injectable, Optional } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { ClaimKeysResponse, MatrixError } from '@switchboard/protocol';
import { REMOTE_KEYS, RemoteKeys } from '@switchboard/rooms';
import { OneTimeKeysRepository, Transactions } from '@switchboard/storage';
import { isJsonObject, JsonObject } from '../accounts/request-body';
import { askServers, entriesFor, remoteTimeoutOf, usersByServer } from './key-requests';

/**
 * POST /keys/claim (client-server-api "Claiming one-time keys"): "The returned key is a one-time
 * key if one is available, and otherwise a fallback key." A device with neither is left out.
 */
@Injectable()
export class KeyClaimService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly oneTimeKeys: OneTimeKeysRepository,
    @Optional() @Inject(REMOTE_KEYS) private readonly remote?: RemoteKeys,
  ) {}

  async claim(body: JsonObject): Promise<ClaimKeysResponse> {
    if (body.one_time_keys === undefined)
      throw new MatrixError('M_MISSING_PARAM', 400, 'Missing one_time_keys');
    const users = usersByServer(body.one_time_keys, 'one_time_keys', this.config.server_name, algorithmsOf);
    const timeoutMs = remoteTimeoutOf(body.timeout);
    const remote = this.remote;
    const claimed: ClaimKeysResponse['one_time_keys'] = await this.transactions.run((tx) =>
      this.oneTimeKeys.claimForDevices(tx, users.local),
    );
    const { answers, failures } = await askServers(
      users.remote,
      remote &&
        ((server, request) =>
          remote.claim(
            server,
            Object.fromEntries([...request].map(([u, d]) => [u, Object.fromEntries(d)])),
            timeoutMs,
          )),
    );
    for (const [server, answer] of answers)
      Object.assign(claimed, entriesFor(answer, 'one_time_keys', users.remote.get(server)?.keys() ?? []));
    return { failures, one_time_keys: claimed };
  }
}

/** A map from device ID to algorithm name. */
function algorithmsOf(value: unknown, userId: string): Map<string, string> {
  if (!isJsonObject(value) || !Object.values(value).every((a) => typeof a === 'string'))
    throw new MatrixError('M_BAD_JSON', 400, `one_time_keys.${userId} must map device IDs to algorithms`);
  return new Map(Object.entries(value as Record<string, string>));
}
