import { Injectable } from '@nestjs/common';
import { presenceEvent } from '@switchboard/protocol';
import { EVENTS_STREAM } from '@switchboard/rooms';
import { PresenceRepository, PresenceRow, Transactions } from '@switchboard/storage';
import { ProfilesService } from '../profile/profiles.service';
import { addPresence } from '../sync/filtered-output';
import { SyncStreamProvider } from '../sync/sync-stream-provider.decorator';
import { SyncRequest, SyncResponseBuilder, SyncStream } from '../sync/sync-stream';
import { NewCoMembers } from './new-co-members';
import { presenceContent } from './presence-content';
import { PRESENCE_STREAM, PresenceService } from './presence.service';

/**
 * presence.events: the latest m.presence of the user and of everyone sharing a joined room with
 * them, with their displayname and avatar_url; in an incremental sync also the presence of those
 * who came to share a room with the user since. Each /sync also marks the user as its
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
    private readonly newCoMembers: NewCoMembers,
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
    const q = this.transactions.reader;
    const now = Date.now();
    const changed = from < to ? await this.presence.changedFor(q, req.userId, from, to) : [];
    const entries: [string, PresenceRow | null][] = changed.map((row) => [row.userId, row]);
    const eventsSince = req.since?.get(EVENTS_STREAM);
    if (eventsSince !== undefined) {
      const sent = new Set(changed.map((row) => row.userId));
      for (const userId of await this.newCoMembers.of(req.userId, eventsSince)) {
        if (sent.has(userId)) continue;
        // Someone who never set a presence is "offline", and that is news too.
        const row = await this.presence.get(q, userId);
        if (!row || row.streamId <= to) entries.push([userId, row]);
      }
    }
    for (const [userId, row] of entries)
      addPresence(req, out, presenceEvent(userId, await this.content(userId, row, now)));
  }

  private async content(userId: string, row: PresenceRow | null, now: number) {
    return { ...presenceContent(row, now), ...(await this.profiles.memberContent(userId)) };
  }
}
