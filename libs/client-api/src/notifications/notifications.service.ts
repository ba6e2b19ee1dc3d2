import { Injectable } from '@nestjs/common';
import { ClientEvent } from '@switchboard/protocol';
import { ClientEvents } from '@switchboard/rooms';
import { EventsRepository, PushActionsRepository, Transactions } from '@switchboard/storage';

export interface Notification {
  actions: unknown[];
  event: Omit<ClientEvent, 'room_id'>;
  profile_tag: string | null;
  read: boolean;
  room_id: string;
  ts: number;
}

export interface NotificationsPage {
  notifications: Notification[];
  next_token?: string;
}

/**
 * push.md "Listing Notifications": the events the user's push rules notified them of, newest
 * first, each marked `read` when their read receipt (or their own later message) is at or past it.
 * The pagination token is the stream position of the last one returned.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly actions: PushActionsRepository,
    private readonly events: EventsRepository,
    private readonly clientEvents: ClientEvents,
  ) {}

  async list(
    userId: string,
    page: { before: number | null; limit: number; onlyHighlight: boolean },
  ): Promise<NotificationsPage> {
    const q = this.transactions.reader;
    const rows = await this.actions.notifications(q, userId, page);
    const events = await this.events.getMany(
      q,
      rows.map((r) => r.eventId),
    );
    const kept = rows.filter((r) => events.has(r.eventId));
    const serialized = await this.clientEvents.serialize(
      kept.map((r) => events.get(r.eventId)!),
      { userId },
    );
    const notifications = kept.map((row, i) => {
      const { room_id: _roomId, ...event } = serialized[i];
      return {
        actions: row.actions,
        event,
        // No rule here carries a profile tag; Synapse sends the key as null and SyTest checks for it.
        profile_tag: null,
        read: row.read,
        room_id: row.roomId,
        ts: row.ts,
      };
    });
    const last = rows[rows.length - 1];
    return {
      notifications,
      ...(rows.length === page.limit && last ? { next_token: String(last.streamOrdering) } : {}),
    };
  }
}
