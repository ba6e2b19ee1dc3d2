import { Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import { RoomStateQuery } from '@switchboard/rooms';
import { ServerNoticeRoomsRepository, Transactions } from '@switchboard/storage';
import { TagsService } from '../tags/tags.service';
import { ServerNoticesUser } from './server-notices-user.service';

/** "Servers must identify this room to clients with the `m.server_notice` tag." */
export const SERVER_NOTICE_TAG = 'm.server_notice';

/** What a user's own membership changes mean in their server notices room. */
@Injectable()
export class ServerNoticeMembership {
  constructor(
    private readonly systemUser: ServerNoticesUser,
    private readonly transactions: Transactions,
    private readonly notices: ServerNoticeRoomsRepository,
    private readonly rooms: RoomStateQuery,
    private readonly tags: TagsService,
  ) {}

  /**
   * "The client must not expect to be able to reject an invite to join the server notices room.
   * Attempting to reject the invite must result in a `M_CANNOT_LEAVE_SERVER_NOTICE_ROOM` error.
   * Servers should not prevent the user leaving the room after joining".
   */
  async assertMayLeave(userId: string, roomId: string): Promise<void> {
    if (!(await this.isNoticeRoomOf(userId, roomId))) return;
    if ((await this.rooms.membership(roomId, userId))?.membership !== 'invite') return;
    throw new MatrixError(
      'M_CANNOT_LEAVE_SERVER_NOTICE_ROOM',
      403,
      'You cannot reject the invite to the server notices room',
    );
  }

  /** Tagged on joining, so the tag reaches /sync with the room it names. */
  async afterJoin(userId: string, roomId: string): Promise<void> {
    if (await this.isNoticeRoomOf(userId, roomId)) await this.tags.add(userId, roomId, SERVER_NOTICE_TAG, {});
  }

  private async isNoticeRoomOf(userId: string, roomId: string): Promise<boolean> {
    if (this.systemUser.userId === null) return false;
    return (await this.notices.roomOf(this.transactions.reader, userId)) === roomId;
  }
}
