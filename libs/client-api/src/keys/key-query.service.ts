import { Inject, Injectable, Optional } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError, QueryKeysResponse } from '@switchboard/protocol';
import { REMOTE_KEYS, RemoteKeys } from '@switchboard/rooms';
import { LocalE2eKeysRepository, Transactions } from '@switchboard/storage';
import { JsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { askServers, entriesFor, remoteTimeoutOf, usersByServer } from './key-requests';

/** POST /keys/query (client-server-api "Downloading keys"). */
@Injectable()
export class KeyQueryService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly localKeys: LocalE2eKeysRepository,
    @Optional() @Inject(REMOTE_KEYS) private readonly remote?: RemoteKeys,
  ) {}

  async query(requester: Requester, body: JsonObject): Promise<QueryKeysResponse> {
    if (body.device_keys === undefined) throw new MatrixError('M_MISSING_PARAM', 400, 'Missing device_keys');
    const users = usersByServer(body.device_keys, 'device_keys', this.config.server_name, deviceIdsOf);
    const timeoutMs = remoteTimeoutOf(body.timeout);
    const remote = this.remote;
    const [keys, { answers, failures }] = await Promise.all([
      this.localKeys.query(this.transactions.reader, users.local, requester.userId),
      askServers(
        users.remote,
        remote && ((server, request) => remote.query(server, Object.fromEntries(request), timeoutMs)),
      ),
    ]);
    const out = { ...keys, failures } as QueryKeysResponse & Record<string, Record<string, unknown>>;
    for (const [server, answer] of answers) {
      const userIds = [...(users.remote.get(server)?.keys() ?? [])];
      for (const field of ['device_keys', 'master_keys', 'self_signing_keys'])
        Object.assign(out[field], entriesFor(answer, field, userIds));
    }
    return out;
  }
}

/** "a list of device IDs, or ... an empty list to indicate all devices". */
function deviceIdsOf(value: unknown, userId: string): string[] {
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string'))
    throw new MatrixError('M_BAD_JSON', 400, `device_keys.${userId} must be an array of device IDs`);
  return value;
}
