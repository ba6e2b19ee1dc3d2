import { Injectable } from '@nestjs/common';
import { MatrixError, RoomSummary, tryServerNameOf } from '@switchboard/protocol';
import { Requester } from '../auth/requester';
import { RoomAliasesService } from '../directory/room-aliases.service';
import { RoomPreviews } from '../hierarchy/room-previews.service';
import { userMayPreview } from '../hierarchy/user-may-preview';

export interface RoomSummaryResponse extends RoomSummary {
  membership?: string;
}

/**
 * client-server-api GET /room_summary/{roomIdOrAlias} ("Room Summaries"). A room the requester may
 * not preview is answered as one that does not exist, so the answer tells nothing of it.
 */
@Injectable()
export class RoomSummaryService {
  constructor(
    private readonly aliases: RoomAliasesService,
    private readonly previews: RoomPreviews,
  ) {}

  async summary(
    requester: Requester | undefined,
    roomIdOrAlias: string,
    via: readonly string[],
  ): Promise<RoomSummaryResponse> {
    const servers = [...via];
    let roomId = roomIdOrAlias;
    if (roomIdOrAlias.startsWith('#')) {
      const resolved = await this.aliases.resolve(roomIdOrAlias);
      roomId = resolved.room_id;
      servers.push(...resolved.servers);
    } else if (!roomIdOrAlias.startsWith('!')) {
      throw new MatrixError('M_INVALID_PARAM', 400, `${roomIdOrAlias} is neither a room ID nor a room alias`);
    }
    const roomServer = tryServerNameOf(roomId);
    if (roomServer) servers.push(roomServer);

    const preview = await this.previews.session(false).preview(roomId, [...new Set(servers)]);
    const membership = requester ? await this.previews.membership(roomId, requester.userId) : undefined;
    const joined = requester ? await this.previews.joinedRooms(requester.userId) : new Set<string>();
    if (!preview || !userMayPreview(preview.room, membership, joined)) {
      throw new MatrixError('M_NOT_FOUND', 404, 'Room not found.');
    }
    const { children_state: _children, ...summary } = preview.room;
    // "The membership state of the user ... Absent if the API was called unauthenticated."
    return requester ? { ...summary, membership: membership ?? 'leave' } : summary;
  }
}
