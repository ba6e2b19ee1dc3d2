import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError, parseRoomId, parseUserId } from '@switchboard/protocol';
import { RoomStateQuery, UserCan } from '@switchboard/rooms';
import {
  AccountsRepository,
  ContentReportsRepository,
  EventsRepository,
  Transactions,
} from '@switchboard/storage';
import { Requester } from '../auth/requester';

export interface ReportBody {
  reason: string | null;
  score: number | null;
}

/**
 * client-server-api "Reporting content": reports are stored for the server administrators
 * ("Servers are free to handle the reported content however they desire").
 */
@Injectable()
export class ContentReportsService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly reports: ContentReportsRepository,
    private readonly events: EventsRepository,
    private readonly accounts: AccountsRepository,
    private readonly rooms: RoomStateQuery,
    private readonly userCan: UserCan,
  ) {}

  /**
   * "servers MUST verify that the reporting user is currently joined to the room the event is in
   * before accepting a report"; an event they cannot see, or a redacted one, is reported as not
   * found ("Homeserver implementations can additionally return this error if the reported event
   * has been redacted").
   */
  async reportEvent(requester: Requester, roomId: string, eventId: string, body: ReportBody): Promise<void> {
    parseRoomId(roomId);
    const notFound = new MatrixError(
      'M_NOT_FOUND',
      404,
      'The event was not found or you are not joined to the room.',
    );
    const membership = await this.rooms.membership(roomId, requester.userId);
    if (membership?.membership !== 'join') throw notFound;
    const row = await this.events.get(this.transactions.reader, eventId);
    if (
      !row ||
      row.roomId !== roomId ||
      row.outlier ||
      row.rejectedReason !== null ||
      row.redactedBy !== null
    ) {
      throw notFound;
    }
    if ((await this.userCan.filterEvents(requester.userId, roomId, [row])).length === 0) throw notFound;
    await this.store(requester, 'event', { roomId, eventId }, body);
  }

  /** "servers MUST NOT restrict room reports based on whether or not the reporting user is joined". */
  async reportRoom(requester: Requester, roomId: string, body: ReportBody): Promise<void> {
    parseRoomId(roomId);
    if (!(await this.rooms.exists(roomId)))
      throw new MatrixError('M_NOT_FOUND', 404, 'The room was not found.');
    await this.store(requester, 'room', { roomId }, body);
  }

  /** "The user was not found on the homeserver": only this server's users can be checked for. */
  async reportUser(requester: Requester, userId: string, body: ReportBody): Promise<void> {
    const { serverName } = parseUserId(userId);
    if (
      serverName === this.config.server_name &&
      !(await this.accounts.find(this.transactions.reader, userId))
    ) {
      throw new MatrixError('M_NOT_FOUND', 404, 'The user was not found.');
    }
    await this.store(requester, 'user', { targetUserId: userId }, body);
  }

  private async store(
    requester: Requester,
    kind: 'event' | 'room' | 'user',
    target: { roomId?: string; eventId?: string; targetUserId?: string },
    body: ReportBody,
  ): Promise<void> {
    await this.reports.insert(this.transactions.reader, {
      kind,
      reporter: requester.userId,
      roomId: target.roomId ?? null,
      eventId: target.eventId ?? null,
      targetUserId: target.targetUserId ?? null,
      reason: body.reason,
      score: body.score,
      receivedTs: Date.now(),
    });
  }
}
