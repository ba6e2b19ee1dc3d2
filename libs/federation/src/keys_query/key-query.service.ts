import { Injectable } from '@nestjs/common';
import { ServerKeys } from '@switchboard/protocol';
import { ServerKeyRow } from '@switchboard/storage';
import { OwnKeysService } from '../keys/own-keys.service';
import { RemoteKeysService } from '../keys/remote-keys.service';
import { storedServerKeys } from '../keys/server-keys-response';

export interface KeyCriteria {
  /** The key IDs asked for; empty for all of the server's keys. */
  keyIds: readonly string[];
  minimumValidUntilTs: number;
}

/**
 * The notary side of server-server-api "Querying Keys Through Another Server": a server's own
 * key responses, from the cache while fresh, else fetched from it directly, else the last ones
 * cached ("notary servers should continue to return the last response they received"), each
 * additionally signed by us.
 */
@Injectable()
export class KeyQueryService {
  constructor(
    private readonly ownKeys: OwnKeysService,
    private readonly remoteKeys: RemoteKeysService,
  ) {}

  async query(serverName: string, criteria: KeyCriteria): Promise<ServerKeys[]> {
    if (serverName === this.ownKeys.serverName) return [this.ownKeys.keys()];
    let rows = await this.remoteKeys.storedKeys(serverName);
    if (
      stale(rows, criteria, Date.now()) &&
      (await this.remoteKeys.refreshFromServer(serverName, false)) === 'fetched'
    ) {
      rows = await this.remoteKeys.storedKeys(serverName);
    }
    const wanted = criteria.keyIds.length > 0 ? rows.filter((r) => criteria.keyIds.includes(r.keyId)) : rows;
    const responses = new Set(wanted.map((r) => r.keyJson));
    return [...responses].map((keyJson) => this.ownKeys.sign(storedServerKeys({ keyJson })));
  }
}

/**
 * Whether to ask the server again: a wanted key (every current one when none is named) is
 * missing or not valid until the asked time, or is still valid but its response is past half its
 * lifetime ("Intermediate notary servers should cache a response for half of its lifetime to
 * avoid serving a stale response"). A key that the caller accepts as expired is served from the
 * cache: the server may have forgotten it since.
 */
function stale(rows: readonly ServerKeyRow[], criteria: KeyCriteria, now: number): boolean {
  if (criteria.keyIds.some((keyId) => !rows.some((r) => r.keyId === keyId))) return true;
  const wanted =
    criteria.keyIds.length > 0
      ? rows.filter((r) => criteria.keyIds.includes(r.keyId))
      : rows.filter((r) => r.expiredTs === null);
  if (wanted.length === 0) return true;
  return wanted.some(
    (r) =>
      r.validUntilTs < criteria.minimumValidUntilTs ||
      (r.validUntilTs > now && now > r.fetchedTs + (r.validUntilTs - r.fetchedTs) / 2),
  );
}
