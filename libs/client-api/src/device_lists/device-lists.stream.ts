import { Injectable } from '@nestjs/common';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { DeviceListChangesRepository, OneTimeKeysRepository, Transactions } from '@switchboard/storage';
import { SyncStreamProvider } from '../sync/sync-stream-provider.decorator';
import { SyncRequest, SyncResponseBuilder, SyncStream } from '../sync/sync-stream';
import { DeviceListChanges } from './device-list-changes.service';
import { DEVICE_LISTS_STREAM } from './device-list-updates.service';
import { oneTimeKeyCounts } from './one-time-key-counts';

/**
 * /sync's end-to-end encryption fields (client-server-api "Extensions to /sync" of "End-to-End
 * Encryption"): `device_lists` in incremental syncs ("only present on an incremental sync"), and
 * on every sync the device's `device_one_time_keys_count` and `device_unused_fallback_key_types`.
 * Membership changes come from the room-event positions of the request's token.
 */
@SyncStreamProvider()
@Injectable()
export class DeviceListsStream implements SyncStream {
  readonly key = DEVICE_LISTS_STREAM;

  constructor(
    private readonly transactions: Transactions,
    private readonly changes: DeviceListChangesRepository,
    private readonly oneTimeKeys: OneTimeKeysRepository,
    private readonly news: DeviceListChanges,
  ) {}

  latest(): Promise<number> {
    return this.changes.maxStreamId(this.transactions.reader);
  }

  full(req: SyncRequest, out: SyncResponseBuilder): Promise<void> {
    return this.deviceKeys(req, out);
  }

  async incremental(req: SyncRequest, out: SyncResponseBuilder, from: number, to: number): Promise<void> {
    const eventsFrom = req.since?.get(EVENTS_STREAM) ?? 0;
    const { changed, left } = await this.news.between(req.userId, {
      devicesFrom: from,
      devicesTo: to,
      eventsFrom,
      eventsTo: null,
    });
    if (changed.length > 0 || left.length > 0) out.body.device_lists = { changed, left };
    await this.deviceKeys(req, out);
  }

  private async deviceKeys(req: SyncRequest, out: SyncResponseBuilder): Promise<void> {
    const q = this.transactions.reader;
    out.body.device_one_time_keys_count = oneTimeKeyCounts(
      await this.oneTimeKeys.counts(q, req.userId, req.deviceId),
    );
    out.body.device_unused_fallback_key_types = await this.oneTimeKeys.unusedFallbackAlgorithms(
      q,
      req.userId,
      req.deviceId,
    );
  }
}
