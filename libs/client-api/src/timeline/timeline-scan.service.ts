import { Injectable } from '@nestjs/common';
import { matchesEventFilter, RoomEventFilter } from '@switchboard/protocol';
import { UserCan } from '@switchboard/rooms';
import { EventRow, EventsRepository, Transactions } from '@switchboard/storage';
import { hiddenAsIgnored, IgnoredUsers } from '../account_data/ignored-users';
import { filterableEvent } from './filterable-event';

export type Direction = 'b' | 'f';

/** Room-event positions (after, upTo]. */
export interface PositionRange {
  after: number;
  upTo: number;
}

export interface ScanResult {
  /** In scan order: newest first for 'b', oldest first for 'f'. */
  rows: EventRow[];
  /** Where to continue (a pagination position) when events may remain in the range. */
  next?: number;
}

/** Raw events read per round trip at most, and per request, however few pass the filters. */
const BATCH = 100;
const BUDGET = 2000;

/**
 * Reads a room's timeline in either direction and keeps the events a user may see (history
 * visibility) that pass a RoomEventFilter, up to a limit: the common core of /sync timelines,
 * /messages and /context. Events of users the reader ignores are left out.
 */
@Injectable()
export class TimelineScanner {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly userCan: UserCan,
    private readonly ignoredUsers: IgnoredUsers,
  ) {}

  async scan(
    userId: string,
    roomId: string,
    range: PositionRange,
    dir: Direction,
    limit: number,
    filter?: RoomEventFilter,
    /** Events shown whatever the history visibility (/sync: the room's current state). */
    alwaysVisible?: (row: EventRow) => boolean,
  ): Promise<ScanResult> {
    const rows: EventRow[] = [];
    let cursor = dir === 'b' ? range.upTo : range.after;
    let scanned = 0;
    // Asked for nothing: whatever the range holds is still ahead.
    if (limit <= 0) return { rows, next: cursor };
    // One more than the limit: when every event passes, that one answers "is there more?".
    const size = Math.min(BATCH, limit + 1);
    const [ignored, first] = await Promise.all([
      this.ignoredUsers.of(userId),
      this.read(roomId, range, dir, cursor, size),
    ]);
    let batch = first;
    for (;;) {
      // By event ID: an event of an erased sender comes back as a redacted copy of its row.
      const visible = new Map(
        (await this.userCan.filterEvents(userId, roomId, ascending(batch, dir))).map((r) => [r.eventId, r]),
      );
      for (const [i, row] of batch.entries()) {
        cursor = dir === 'b' ? row.streamOrdering! - 1 : row.streamOrdering!;
        if (!visible.has(row.eventId) && !alwaysVisible?.(row)) continue;
        if (hiddenAsIgnored(row, ignored)) continue;
        if (filter && !matchesEventFilter(filter, filterableEvent(row))) continue;
        rows.push(visible.get(row.eventId) ?? row);
        if (rows.length === limit) {
          const more = i < batch.length - 1 || (await this.read(roomId, range, dir, cursor, 1)).length > 0;
          return { rows, next: more ? cursor : undefined };
        }
      }
      scanned += batch.length;
      if (batch.length < size) break;
      if (scanned >= BUDGET) return { rows, next: cursor };
      batch = await this.read(roomId, range, dir, cursor, size);
    }
    return { rows };
  }

  private read(roomId: string, range: PositionRange, dir: Direction, cursor: number, limit: number) {
    const q = this.transactions.reader;
    return dir === 'b'
      ? this.events.timeline(q, roomId, { after: range.after, upTo: cursor, limit, newestFirst: true })
      : this.events.timeline(q, roomId, { after: cursor, upTo: range.upTo, limit, newestFirst: false });
  }
}

/** UserCan reads the state before each event; it wants history order. */
function ascending(rows: readonly EventRow[], dir: Direction): EventRow[] {
  return dir === 'b' ? [...rows].reverse() : [...rows];
}
