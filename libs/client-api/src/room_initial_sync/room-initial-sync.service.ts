import { Injectable } from '@nestjs/common';
import { JsonObject, parseRoomId } from '@switchboard/protocol';
import { UserCan } from '@switchboard/rooms';
import { AccountDataRepository, EventsRepository, RoomsRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { encodePaginationToken } from '../timeline/pagination-token';
import { RoomAccess } from '../timeline/room-access.service';
import { ROOM_START, RoomStateAt } from '../timeline/room-state-at.service';
import { TimelineScanner } from '../timeline/timeline-scan.service';
import { EventSerializer } from '../timeline/event-serializer.service';

/** Synapse's default for the deprecated initial syncs. */
const DEFAULT_LIMIT = 10;

/**
 * GET /rooms/{roomId}/initialSync ("Snapshot the current state of a room and its most recent
 * messages"): for a member, the room now; for one who left or was banned, the room as it was when
 * they left; for anyone else, a world-readable room's present, peeked at.
 */
@Injectable()
export class RoomInitialSyncService {
  constructor(
    private readonly transactions: Transactions,
    private readonly access: RoomAccess,
    private readonly userCan: UserCan,
    private readonly events: EventsRepository,
    private readonly scanner: TimelineScanner,
    private readonly stateAt: RoomStateAt,
    private readonly serializer: EventSerializer,
    private readonly roomsTable: RoomsRepository,
    private readonly accountData: AccountDataRepository,
  ) {}

  async roomInitialSync(requester: Requester, roomId: string, limit = DEFAULT_LIMIT): Promise<JsonObject> {
    parseRoomId(roomId);
    await this.access.assertCanRead(requester.userId, roomId);
    const q = this.transactions.reader;
    const history = await this.userCan.membershipHistory(roomId, requester.userId);
    const membership = history?.current ?? 'leave';
    const departed = history !== undefined && (membership === 'leave' || membership === 'ban');
    const upTo = departed ? history.position : await this.events.maxStreamOrdering(q);

    const scan = await this.scanner.scan(requester.userId, roomId, { after: ROOM_START, upTo }, 'b', limit);
    const chronological = [...scan.rows].reverse();
    const oldest = chronological[0];
    const viewer = { userId: requester.userId, deviceId: requester.deviceId };
    const stateRows = await this.stateAt.rows(await this.stateAt.at(roomId, upTo));
    const roomData = (
      await this.accountData.changed(q, requester.userId, 0, await this.accountData.maxStreamId(q))
    )
      .filter((row) => row.roomId === roomId)
      .map((row) => ({ type: row.type, content: row.content }));
    const published = (await this.roomsTable.get(q, roomId))?.isPublic ?? false;
    return {
      room_id: roomId,
      membership,
      messages: {
        chunk: await this.serializer.serialize(chronological, viewer, undefined),
        // "A token which correlates to the start of chunk": paginating back from it goes on before it.
        start: encodePaginationToken(oldest ? oldest.streamOrdering! - 1 : upTo),
        end: encodePaginationToken(upTo),
      },
      state: await this.serializer.serialize(stateRows, viewer, undefined),
      visibility: published ? 'public' : 'private',
      account_data: roomData,
      presence: [],
      receipts: [],
    };
  }
}
