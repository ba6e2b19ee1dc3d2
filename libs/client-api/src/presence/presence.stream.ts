import { Injectable } from '@nestjs/common';
import { presenceEvent } from '@switchboard/protocol';
import { PresenceRepository, PresenceRow, Transactions } from '@switchboard/storage';
import { ProfilesService } from '../profile/profiles.service';
import { addPresence } from '../sync/filtered-output';
import { SyncStreamProvider } from '../sync/sync-stream-provider.decorator';
import { SyncRequest, SyncResponseBuilder, SyncStream } from '../sync/sync-stream';
import { presenceContent } from './presence-content';
import { PRESENCE_STREAM, PresenceService } from './presence.service';

/**
 * presence.events: the latest m.presence of the user and of everyone sharing a joined room with
 * them, with their displayname and avatar_url. Each /sync also marks the user as its
 * `set_presence` says.
 */
@SyncStreamProvider()
@Injectable()
export class PresenceStream implements SyncStream {
  readonly key = PRESENCE_STREAM;

  constructor(
    private readonly transactions: Transactions,
    private readonly presence: PresenceRepository,
    private readonly presenceService: PresenceService,
    private readonly profiles: ProfilesService,
  ) {}

  beforeSync(req: SyncRequest): Promise<void> {
    return this.presenceService.syncing(req.userId, req.setPresence);
  }

  latest(): Promise<number> {
    return this.presence.maxStreamId(this.transactions.reader);
  }

  full(req: SyncRequest, out: SyncResponseBuilder, to: number): Promise<void> {
    return this.incremental(req, out, 0, to);
  }

  async incremental(req: SyncRequest, out: SyncResponseBuilder, from: number, to: number): Promise<void> {
    if (from >= to) return;
    const now = Date.now();
    for (const row of await this.presence.changedFor(this.transactions.reader, req.userId, from, to)) {
      addPresence(req, out, presenceEvent(row.userId, await this.content(row, now)));
    }
  }

  private async content(row: PresenceRow, now: number) {
    return { ...presenceContent(row, now), ...(await this.profiles.memberContent(row.userId)) };
  }
}
