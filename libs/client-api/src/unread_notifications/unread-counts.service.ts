import { Injectable } from '@nestjs/common';
import {
  evaluatePushRules,
  IdentifiedPdu,
  JsonObject,
  mergePushRules,
  PushEvaluationContext,
  stateKey,
  StateMap,
  toClientEvent,
  userPowerLevel,
} from '@switchboard/protocol';
import { RoomStateQuery } from '@switchboard/rooms';
import { EventsRepository, ReceiptsRepository, Transactions } from '@switchboard/storage';
import { isJsonObject } from '../accounts/request-body';

export interface UnreadCounts {
  notification_count: number;
  highlight_count: number;
}

const PAGE = 500;

/**
 * Unread notification counts (modules/push.md "Receiving notifications"): the events after the
 * user's read-up-to point that the push rules say notify or highlight. The read-up-to point is the
 * later of the m.read and m.read.private receipts, and an event the user sends counts as reading
 * everything before it ("by using the API or by sending an event"). Counted at read time over the
 * room's current state, with the server-default rules.
 */
@Injectable()
export class UnreadCountsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly rooms: RoomStateQuery,
    private readonly events: EventsRepository,
    private readonly receipts: ReceiptsRepository,
  ) {}

  async forRooms(
    userId: string,
    roomIds: readonly string[],
    upTo: number,
  ): Promise<Map<string, UnreadCounts>> {
    const readUpTo = await this.receipts.readUpTo(this.transactions.reader, userId, roomIds);
    const out = new Map<string, UnreadCounts>();
    for (const roomId of roomIds)
      out.set(roomId, await this.count(userId, roomId, readUpTo.get(roomId) ?? 0, upTo));
    return out;
  }

  private async count(userId: string, roomId: string, after: number, upTo: number): Promise<UnreadCounts> {
    const state = await this.rooms.current(roomId);
    const version = await this.rooms.version(roomId);
    const rules = mergePushRules(userId, {});
    const context = evaluationContext(userId, state);
    const senderLevels = new Map<string, number>();
    const counts: UnreadCounts = { notification_count: 0, highlight_count: 0 };
    for (let from = after; from < upTo;) {
      const rows = await this.events.timeline(this.transactions.reader, roomId, {
        after: from,
        upTo,
        limit: PAGE,
        newestFirst: false,
      });
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.sender === userId) {
          counts.notification_count = 0;
          counts.highlight_count = 0;
          continue;
        }
        if (row.redactedBy !== null) continue;
        let level = senderLevels.get(row.sender);
        if (level === undefined)
          senderLevels.set(row.sender, (level = userPowerLevel(version, state, row.sender)));
        const event = toClientEvent(row.eventId, row.roomId, row.pdu) as unknown as JsonObject;
        const outcome = evaluatePushRules(rules, event, { ...context, senderPowerLevel: level });
        if (outcome?.notify) counts.notification_count += 1;
        if (outcome?.highlight) counts.highlight_count += 1;
      }
      from = rows[rows.length - 1].streamOrdering ?? upTo;
    }
    return counts;
  }
}

function evaluationContext(
  userId: string,
  state: StateMap<IdentifiedPdu>,
): Omit<PushEvaluationContext, 'senderPowerLevel'> {
  let members = 0;
  for (const event of state.values()) {
    if (event.pdu.type === 'm.room.member' && event.pdu.content.membership === 'join') members += 1;
  }
  const displayName = state.get(stateKey('m.room.member', userId))?.pdu.content.displayname;
  const notifications = state.get(stateKey('m.room.power_levels', ''))?.pdu.content.notifications;
  return {
    userId,
    roomMemberCount: members,
    ...(typeof displayName === 'string' ? { displayName } : {}),
    ...(isJsonObject(notifications) ? { notificationPowerLevels: notifications as JsonObject } : {}),
  };
}
