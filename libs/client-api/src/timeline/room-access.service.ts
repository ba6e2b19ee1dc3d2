import { Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import { RoomStateQuery, UserCan } from '@switchboard/rooms';

/**
 * Whether a user may read a room's history at all: they have (or had) a membership there, or the
 * room is world_readable. Which events they see is then UserCan's per-event answer.
 */
@Injectable()
export class RoomAccess {
  constructor(
    private readonly userCan: UserCan,
    private readonly roomState: RoomStateQuery,
  ) {}

  /** 403 M_FORBIDDEN otherwise ("You aren't a member of the room"), for unknown rooms too. */
  async assertCanRead(userId: string, roomId: string): Promise<void> {
    if ((await this.userCan.membershipHistory(roomId, userId)) !== undefined) return;
    const visibility = await this.roomState.currentEvent(roomId, 'm.room.history_visibility', '');
    if (visibility?.pdu.content.history_visibility === 'world_readable') return;
    throw new MatrixError('M_FORBIDDEN', 403, "You aren't a member of the room");
  }
}
