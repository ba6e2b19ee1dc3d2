import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { VerifyKey } from '@switchboard/protocol';
import { ServerKeyRow, ServerKeysRepository, Transactions } from '@switchboard/storage';
import { OwnKeysService } from './own-keys.service';
import { REMOTE_KEYS_OPTIONS, RemoteKeysOptions } from './remote-keys.options';
import { ServerKeyFetcher } from './server-key-fetcher';

/**
 * A verify key of a server, and until when signatures made with it are accepted; also the
 * protocol's VerifyKey, for checking event signatures.
 */
export interface RemoteVerifyKey extends VerifyKey {
  readonly serverName: string;
  readonly keyId: string;
  /** Capped at 7 days from when it was fetched; for an old key, its expired_ts. */
  readonly validUntilTs: number;
  /** Set for a key of `old_verify_keys`: it may check event signatures, never a request. */
  readonly expiredTs?: number;
}

/**
 * "Requesting servers should limit how frequently they query for certificates": a server is asked
 * at most once a minute, so requests signed with made-up key IDs cannot make us flood it.
 */
const REFETCH_INTERVAL_MS = 60 * 1000;
const REMEMBERED_SERVERS = 10_000;

export type RefreshOutcome = 'fetched' | 'failed' | 'throttled';
const FETCHED = (): RefreshOutcome => 'fetched';
const FAILED = (): RefreshOutcome => 'failed';

/**
 * Other servers' signing keys (server-server-api "Retrieving server keys"): from the database if a
 * stored key is valid long enough, else fetched from the server itself, else from the configured
 * notaries; whatever verifies is stored. Our own key is always known locally.
 */
@Injectable()
export class RemoteKeysService {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly lastFetch = new Map<string, number>();

  constructor(
    private readonly ownKeys: OwnKeysService,
    private readonly fetcher: ServerKeyFetcher,
    private readonly repository: ServerKeysRepository,
    private readonly transactions: Transactions,
    @Inject(REMOTE_KEYS_OPTIONS) private readonly options: RemoteKeysOptions,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * The verify key `keyId` of `serverName`, valid until at least `minimumValidUntilTs` (now by
   * default; 0 where the room version says to ignore valid_until_ts); undefined when neither the
   * cache, the server nor a notary has it. Never throws for a remote's failure.
   */
  async getVerifyKey(
    serverName: string,
    keyId: string,
    minimumValidUntilTs: number = Date.now(),
  ): Promise<RemoteVerifyKey | undefined> {
    if (serverName === this.ownKeys.serverName) {
      const key = this.ownKeys.verifyKey(keyId);
      return key === undefined
        ? undefined
        : { serverName, keyId, key, validUntilTs: Number.MAX_SAFE_INTEGER };
    }
    const stored = await this.stored(serverName, keyId, minimumValidUntilTs);
    if (stored) return stored;
    const refresh = await this.refreshFromServer(serverName);
    // Notaries too are asked at most once a minute per server.
    if (refresh === 'throttled') return undefined;
    if (refresh === 'fetched') {
      const fetched = await this.stored(serverName, keyId, minimumValidUntilTs);
      if (fetched) return fetched;
    }
    for (const notary of this.options.trustedKeyServers) {
      try {
        const rows = await this.fetcher.fromNotary(notary, serverName, keyId, minimumValidUntilTs);
        await this.repository.upsert(this.transactions.reader, rows);
      } catch (err) {
        this.logger.warn(
          { err, destination: notary.serverName, server_name: serverName },
          'notary key query failed',
        );
        continue;
      }
      const relayed = await this.stored(serverName, keyId, minimumValidUntilTs);
      if (relayed) return relayed;
    }
    return undefined;
  }

  /** Every stored key of a server, with the responses they came in (for serving as a notary). */
  storedKeys(serverName: string): Promise<ServerKeyRow[]> {
    return this.repository.forServer(this.transactions.reader, serverName);
  }

  /**
   * Fetches the server's keys from the server itself and stores them, unless it was asked less
   * than a minute ago (`throttle` false: the notary, whose callers name the validity they need);
   * concurrent callers share one fetch.
   */
  refreshFromServer(serverName: string, throttle = true): Promise<RefreshOutcome> {
    const running = this.inFlight.get(serverName);
    if (running) return running.then(FETCHED, FAILED);
    const last = this.lastFetch.get(serverName);
    if (throttle && last !== undefined && Date.now() - last < REFETCH_INTERVAL_MS)
      return Promise.resolve('throttled');
    this.remember(serverName);
    const fetch = this.fetcher
      .fromServer(serverName)
      .then((rows) => this.repository.upsert(this.transactions.reader, rows))
      .finally(() => this.inFlight.delete(serverName));
    this.inFlight.set(serverName, fetch);
    return fetch.then(FETCHED, (err: unknown) => {
      this.logger.warn({ err, destination: serverName }, 'fetching server keys failed');
      return FAILED();
    });
  }

  private async stored(
    serverName: string,
    keyId: string,
    minimumValidUntilTs: number,
  ): Promise<RemoteVerifyKey | undefined> {
    const row = await this.repository.get(this.transactions.reader, serverName, keyId);
    if (!row || row.validUntilTs < minimumValidUntilTs) return undefined;
    const key = { serverName, keyId, key: row.verifyKey, validUntilTs: row.validUntilTs };
    return row.expiredTs === null ? key : { ...key, expiredTs: row.expiredTs };
  }

  private remember(serverName: string): void {
    this.lastFetch.delete(serverName);
    // Maps iterate in insertion order: the first entry is the least recently fetched server.
    if (this.lastFetch.size >= REMEMBERED_SERVERS) {
      this.lastFetch.delete(this.lastFetch.keys().next().value as string);
    }
    this.lastFetch.set(serverName, Date.now());
  }
}
