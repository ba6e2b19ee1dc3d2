import { Inject, Injectable } from '@nestjs/common';
import { unreadThreadNotifications } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { PushActionsRepository, PushEvaluationRepository, Transactions } from '@switchboard/storage';
import { PUSH_ACTIONS_STREAM } from '../push_delivery/push-actions-stream';
import { SyncRequest, SyncResponseBuilder } from '../sync/sync-stream';

export interface UnreadCounts {
  notification_count: number;
  highlight_count: number;
}

/** The main timeline's "thread" in push_actions and in threaded receipts. */
const MAIN = 'main';
/**
 * How long a /sync waits for the push evaluator to reach the events it is about to return. The
 * evaluator runs right after each commit, so this is only reached when it is failing.
 */
const CATCH_UP_MS = 2_000;

/**
 * Unread notification counts (modules/push.md "Receiving notifications"): the events after the
 * user's read-up-to point that the user's push rules said notify or highlight, as the push
 * evaluator stored them. The read-up-to point is the later of the m.read and m.read.private
 * receipts, unthreaded or for the event's thread, and the user's own last event ("When the user
 * updates their read receipt (either by using the API or by sending an event)").
 */
@Injectable()
export class UnreadCountsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly actions: PushActionsRepository,
    private readonly evaluation: PushEvaluationRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  /** Counts per room, every thread included. */
  private async forRooms(
    userId: string,
    roomIds: readonly string[],
    upTo: number,
  ): Promise<Map<string, UnreadCounts>> {
    const out = new Map(roomIds.map((roomId) => [roomId, zero()]));
    for (const row of await this.rows(userId, roomIds, upTo)) add(out.get(row.roomId)!, row);
    return out;
  }

  /**
   * Sets rooms.join[roomId].unread_notifications, and with the filter's
   * `unread_thread_notifications` "the main timeline's notification counts in
   * `unread_notifications` and each thread's in `unread_thread_notifications`".
   */
  async addTo(
    req: SyncRequest,
    out: SyncResponseBuilder,
    roomIds: readonly string[],
    upTo: number,
  ): Promise<void> {
    if (!unreadThreadNotifications(req.filter.room?.timeline)) {
      for (const [roomId, counts] of await this.forRooms(req.userId, roomIds, upTo))
        out.joinedRoom(roomId).unread_notifications = counts;
      return;
    }
    const main = new Map(roomIds.map((roomId) => [roomId, zero()]));
    const threads = new Map<string, Record<string, UnreadCounts>>();
    for (const row of await this.rows(req.userId, roomIds, upTo)) {
      if (row.threadId === MAIN) {
        add(main.get(row.roomId)!, row);
        continue;
      }
      const room = threads.get(row.roomId) ?? {};
      room[row.threadId] = add(zero(), row);
      threads.set(row.roomId, room);
    }
    for (const [roomId, counts] of main) {
      const room = out.joinedRoom(roomId);
      room.unread_notifications = counts;
      const byThread = threads.get(roomId);
      if (byThread) room.unread_thread_notifications = byThread;
    }
  }

  private async rows(userId: string, roomIds: readonly string[], upTo: number) {
    if (roomIds.length === 0) return [];
    await this.evaluatedUpTo(upTo);
    return this.actions.unreadCounts(this.transactions.reader, userId, roomIds, upTo);
  }

  /**
   * "The updated notification count from a new event MUST appear in the same /sync response as
   * the event itself": the evaluator stores actions just after the event commits, so a sync that
   * returns events up to `upTo` first waits for it to get there.
   */
  private async evaluatedUpTo(upTo: number): Promise<void> {
    if (upTo === Number.MAX_SAFE_INTEGER) return;
    if ((await this.notifier.latest(PUSH_ACTIONS_STREAM)) >= upTo) return;
    if ((await this.evaluation.position(this.transactions.reader)) >= upTo) return;
    await this.notifier.waitFor(PUSH_ACTIONS_STREAM, upTo - 1, CATCH_UP_MS);
  }
}

function zero(): UnreadCounts {
  return { notification_count: 0, highlight_count: 0 };
}

function add(counts: UnreadCounts, row: { notifications: number; highlights: number }): UnreadCounts {
  counts.notification_count += row.notifications;
  counts.highlight_count += row.highlights;
  return counts;
}
