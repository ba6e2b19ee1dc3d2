import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, MatrixError, parseUserId, timelineEvent } from '@switchboard/protocol';
import { SendPerform } from '@switchboard/rooms';
import { AccountsRepository, Transactions } from '@switchboard/storage';
import { ServerNoticeRooms } from './server-notice-rooms.service';
import { ServerNoticesUser } from './server-notices-user.service';

/**
 * client-server-api "Server Notices": "Notices are sent to the client as normal `m.room.message`
 * events with a `msgtype` of `m.server_notice` in the server notices room."
 */
@Injectable()
export class ServerNoticesService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly systemUser: ServerNoticesUser,
    private readonly noticeRooms: ServerNoticeRooms,
    private readonly perform: SendPerform,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
  ) {}

  /**
   * Sends `content` (body, server_notice_type, ...) to a local user's server notices room, created
   * on first use. 400 while server notices are off or for a remote user, 404 for an unknown one.
   */
  async send(userId: string, content: JsonObject): Promise<{ roomId: string; eventId: string }> {
    const sender = await this.systemUser.ensureRegistered();
    if (parseUserId(userId).serverName !== this.config.server_name) {
      throw new MatrixError('M_UNKNOWN', 400, 'Server notices can only be sent to local users');
    }
    const account = await this.accounts.find(this.transactions.reader, userId);
    if (!account || account.deactivated) throw new MatrixError('M_NOT_FOUND', 404, `Unknown user ${userId}`);
    const roomId = await this.noticeRooms.roomFor(userId, sender);
    const { eventId } = await this.perform.send(
      roomId,
      sender,
      timelineEvent('m.room.message', { ...content, msgtype: 'm.server_notice' }),
    );
    return { roomId, eventId };
  }
}
