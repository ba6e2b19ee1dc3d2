import { Injectable } from '@nestjs/common';
import { GetEventByTimestampResponse, MatrixError } from '@switchboard/protocol';
import { UserCan } from '@switchboard/rooms';
import { EventsRepository, Transactions } from '@switchboard/storage';
import { RoomAccess } from '../timeline/room-access.service';
import { Direction } from '../timeline/timeline-scan.service';

/** GET /rooms/{roomId}/timestamp_to_event: the closest event to a time, in one direction. */
@Injectable()
export class EventByTimestampService {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly access: RoomAccess,
    private readonly userCan: UserCan,
  ) {}

  async find(
    userId: string,
    roomId: string,
    ts: number,
    dir: Direction,
  ): Promise<GetEventByTimestampResponse> {
    await this.access.assertCanRead(userId, roomId);
    const row = await this.events.closestToTimestamp(this.transactions.reader, roomId, ts, dir === 'f');
    if (!row || !(await this.userCan.canSee(userId, row))) {
      const direction = dir === 'f' ? 'forward' : 'backward';
      throw new MatrixError('M_NOT_FOUND', 404, `Unable to find event from ${ts} in ${direction} direction`);
    }
    return { event_id: row.eventId, origin_server_ts: row.originServerTs };
  }
}
