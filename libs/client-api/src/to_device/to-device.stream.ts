import { Injectable } from '@nestjs/common';
import { ToDeviceRepository, Transactions } from '@switchboard/storage';
import { SyncStreamProvider } from '../sync/sync-stream-provider.decorator';
import { SyncRequest, SyncResponseBuilder, SyncStream } from '../sync/sync-stream';
import { TO_DEVICE_STREAM } from './to-device.service';

/**
 * "If there is a large queue of send-to-device messages, the server should limit the number sent
 * in each /sync response. 100 messages is recommended as a reasonable limit."
 */
const MAX_MESSAGES_PER_SYNC = 100;

/**
 * `to_device.events`: the requesting device's pending messages in order of arrival. "When the
 * client calls /sync again with the next_batch token from the first response, the server should
 * infer that any send-to-device messages in that response have been delivered successfully, and
 * delete them from the store": a `since` acknowledges everything up to its position.
 */
@SyncStreamProvider()
@Injectable()
export class ToDeviceStream implements SyncStream {
  readonly key = TO_DEVICE_STREAM;

  constructor(
    private readonly transactions: Transactions,
    private readonly inbox: ToDeviceRepository,
  ) {}

  latest(): Promise<number> {
    return this.inbox.position(this.transactions.reader);
  }

  async beforeSync(req: SyncRequest): Promise<void> {
    const acknowledged = req.since?.get(this.key);
    if (acknowledged)
      await this.inbox.deleteUpTo(this.transactions.reader, req.userId, req.deviceId, acknowledged);
  }

  full(req: SyncRequest, out: SyncResponseBuilder, to: number): Promise<number | void> {
    return this.add(req, out, 0, to);
  }

  async incremental(
    req: SyncRequest,
    out: SyncResponseBuilder,
    from: number,
    to: number,
  ): Promise<number | void> {
    if (from >= to) return;
    return this.add(req, out, from, to);
  }

  /** Adds the messages in (from, to]; when there are more than fit, the position of the last one sent. */
  private async add(
    req: SyncRequest,
    out: SyncResponseBuilder,
    from: number,
    to: number,
  ): Promise<number | void> {
    const rows = await this.inbox.pending(
      this.transactions.reader,
      req.userId,
      req.deviceId,
      from,
      to,
      MAX_MESSAGES_PER_SYNC + 1,
    );
    const sent = rows.slice(0, MAX_MESSAGES_PER_SYNC);
    if (sent.length === 0) return;
    out.body.to_device = {
      events: sent.map((m) => ({ sender: m.sender, type: m.type, content: m.content })),
    };
    if (rows.length > sent.length) return sent[sent.length - 1].streamId;
  }
}
