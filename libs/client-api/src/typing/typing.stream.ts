import { Injectable } from '@nestjs/common';
import { typingEvent } from '@switchboard/protocol';
import { addRoomEphemeral } from '../sync/filtered-output';
import { SyncStreamProvider } from '../sync/sync-stream-provider.decorator';
import { SyncRequest, SyncResponseBuilder, SyncStream } from '../sync/sync-stream';
import { JoinedRooms } from '../sync/joined-rooms';
import { TYPING_STREAM, TypingService } from './typing.service';

/** rooms.join[roomId].ephemeral m.typing: the full list of typing users of each changed room. */
@SyncStreamProvider()
@Injectable()
export class TypingStream implements SyncStream {
  readonly key = TYPING_STREAM;
  constructor(
    private readonly typing: TypingService,
    private readonly joined: JoinedRooms,
  ) {}

  async latest(): Promise<number> {
    return this.typing.latest;
  }

  /**
   * Every room with any typing so far, even an empty list (as Synapse): a client that missed the
   * "stopped" update before this sync learns it here, since later syncs only carry changes.
   */
  async full(req: SyncRequest, out: SyncResponseBuilder, to: number): Promise<void> {
    for (const roomId of await this.joined.of(req)) {
      const users = this.typing.typingIn(roomId);
      if (users.length > 0 || this.typing.changedBetween(roomId, 0, to))
        addRoomEphemeral(req, out, roomId, typingEvent(users));
    }
  }

  async incremental(req: SyncRequest, out: SyncResponseBuilder, from: number, to: number): Promise<void> {
    if (from >= to) return;
    for (const roomId of await this.joined.of(req)) {
      // An empty list is sent too: it tells the client that everyone stopped typing.
      if (this.typing.changedBetween(roomId, from, to)) {
        addRoomEphemeral(req, out, roomId, typingEvent(this.typing.typingIn(roomId)));
      }
    }
  }
}
