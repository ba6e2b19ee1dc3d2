import { Injectable } from '@nestjs/common';
import { UserCan } from '@switchboard/rooms';
import { EventRow } from '@switchboard/storage';
import { hiddenAsIgnored, IgnoredUsers } from '../account_data/ignored-users';

/**
 * Of stored events from any rooms, those a user may see (history visibility, and not sent by
 * someone they ignore), in the order given: what /relations, /threads and /search serve.
 */
@Injectable()
export class VisibleEvents {
  constructor(
    private readonly userCan: UserCan,
    private readonly ignoredUsers: IgnoredUsers,
  ) {}

  async filter(userId: string, rows: readonly EventRow[]): Promise<EventRow[]> {
    if (rows.length === 0) return [];
    const ignored = await this.ignoredUsers.of(userId);
    const byRoom = new Map<string, EventRow[]>();
    for (const row of rows) {
      if (row.streamOrdering === null || row.softFailed || row.rejectedReason !== null) continue;
      if (hiddenAsIgnored(row, ignored)) continue;
      byRoom.set(row.roomId, [...(byRoom.get(row.roomId) ?? []), row]);
    }
    const visible = new Map<string, EventRow>();
    for (const [roomId, inRoom] of byRoom) {
      // UserCan reads the state before each event; it wants history order.
      const ascending = [...inRoom].sort((a, b) => a.streamOrdering! - b.streamOrdering!);
      for (const row of await this.userCan.filterEvents(userId, roomId, ascending))
        visible.set(row.eventId, row);
    }
    return rows.flatMap((row) => {
      const seen = visible.get(row.eventId);
      return seen ? [seen] : [];
    });
  }
}
