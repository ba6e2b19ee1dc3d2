import { Injectable } from '@nestjs/common';
import { Filter, JsonObject } from '@switchboard/protocol';
import { RoomsRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { JoinedRoomBody } from '../sync/sync-stream';
import { SyncService } from '../sync/sync.service';

/** old_sync: "limit: The maximum number of messages to return for each room" (Synapse's default). */
const DEFAULT_LIMIT = 10;

export interface InitialSyncBody {
  end: string;
  rooms: JsonObject[];
  presence: JsonObject[];
  account_data: JsonObject[];
}

/**
 * GET /initialSync (old_sync "Get the user's current state"), answered by a full /sync: its
 * `next_batch` is the `end` token /events continues from, and each room's `state` is the current
 * state (the state after the timeline).
 */
@Injectable()
export class InitialSyncService {
  constructor(
    private readonly syncs: SyncService,
    private readonly transactions: Transactions,
    private readonly roomsTable: RoomsRepository,
  ) {}

  async initialSync(
    requester: Requester,
    limit: number | undefined,
    archived: boolean,
  ): Promise<InitialSyncBody> {
    const filter: Filter = { room: { timeline: { limit: limit ?? DEFAULT_LIMIT }, include_leave: archived } };
    const body = await this.syncs.sync(
      {
        userId: requester.userId,
        deviceId: requester.deviceId,
        fullState: true,
        useStateAfter: true,
        filter,
      },
      0,
    );
    const rooms: JsonObject[] = [];
    for (const [roomId, room] of Object.entries(body.rooms?.join ?? {})) {
      rooms.push(await this.roomInfo(roomId, 'join', room, body.next_batch));
    }
    for (const [roomId, room] of Object.entries(body.rooms?.leave ?? {})) {
      rooms.push(await this.roomInfo(roomId, 'leave', room, body.next_batch));
    }
    for (const [roomId, room] of Object.entries(body.rooms?.invite ?? {})) {
      rooms.push({
        room_id: roomId,
        membership: 'invite',
        ...inviteOf(room.invite_state.events, roomId, requester.userId),
      });
    }
    return {
      end: body.next_batch,
      rooms,
      presence: (body.presence?.events ?? []) as JsonObject[],
      account_data: (body.account_data?.events ?? []) as JsonObject[],
    };
  }

  private async roomInfo(
    roomId: string,
    membership: string,
    room: Pick<JoinedRoomBody, 'timeline' | 'state_after' | 'account_data'>,
    end: string,
  ): Promise<JsonObject> {
    const withRoom = (events: unknown[] | undefined) =>
      (events ?? []).map((e) => ({ ...(e as JsonObject), room_id: roomId }));
    const published = (await this.roomsTable.get(this.transactions.reader, roomId))?.isPublic ?? false;
    const messages: JsonObject = { chunk: withRoom(room.timeline?.events), end };
    if (room.timeline?.prev_batch !== undefined) messages.start = room.timeline.prev_batch;
    return {
      room_id: roomId,
      membership,
      messages,
      state: withRoom(room.state_after?.events),
      visibility: published ? 'public' : 'private',
      account_data: (room.account_data?.events ?? []) as JsonObject[],
    };
  }
}

/** "invite: The invite event if membership is invite": the user's member event of the invite's stripped state. */
function inviteOf(events: unknown[], roomId: string, userId: string): { invite?: JsonObject } {
  const invite = (events as JsonObject[]).find((e) => e.type === 'm.room.member' && e.state_key === userId);
  return invite ? { invite: { ...invite, room_id: roomId } } : {};
}
