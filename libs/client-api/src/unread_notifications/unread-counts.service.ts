import { Injectable } from '@nestjs/common';
import {
  evaluatePushRules,
  IdentifiedPdu,
  JsonObject,
  mergePushRules,
  PushEvaluationContext,
  RoomVersion,
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
/** Remembered counts, one per (user, room, read-up-to point) recently synced. */
const KNOWN_CAPACITY = 10_000;

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

  private readonly known = new Map<string, Scanned>();

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

  /**
   * Counts (after, upTo]. A /sync long-poll asks again and again with the same read-up-to point
   * and a later `upTo`, so the last answer per (user, room, after) is kept with the position of
   * the last event it evaluated, and only the events since are evaluated. A redaction or a state
   * change among those (either can change how the earlier events count) makes it count from
   * `after` again.
   */
  private async count(userId: string, roomId: string, after: number, upTo: number): Promise<UnreadCounts> {
    const key = JSON.stringify([userId, roomId, after]);
    const known = this.known.get(key);
    let result: Scanned | undefined;
    if (known && known.through <= upTo) {
      result = await this.scan(userId, roomId, known.through, upTo, { ...known.counts }, known.setup);
    }
    result ??= (await this.scan(userId, roomId, after, upTo))!;
    this.known.delete(key);
    this.known.set(key, result);
    if (this.known.size > KNOWN_CAPACITY) this.known.delete(this.known.keys().next().value as string);
    return result.counts;
  }

  /**
   * Adds the events in (from, upTo] to `counts`; undefined when `counts` is given and one of the
   * events is a redaction or a state event. `setup` (the room's state and the rules) is kept for
   * the next call: without a state event it still holds.
   */
  private async scan(
    userId: string,
    roomId: string,
    from: number,
    upTo: number,
    counts?: UnreadCounts,
    setup?: EvaluationSetup,
  ): Promise<Scanned | undefined> {
    const out = counts ?? { notification_count: 0, highlight_count: 0 };
    let context = setup;
    let at = from;
    while (at < upTo) {
      const rows = await this.events.timeline(this.transactions.reader, roomId, {
        after: at,
        upTo,
        limit: PAGE,
        newestFirst: false,
      });
      if (rows.length === 0) break;
      if (counts && rows.some((r) => r.stateKey !== null || r.type === 'm.room.redaction')) return undefined;
      for (const row of rows) {
        if (row.sender === userId) {
          out.notification_count = 0;
          out.highlight_count = 0;
          continue;
        }
        if (row.redactedBy !== null) continue;
        context ??= await this.setup(userId, roomId);
        let level = context.senderLevels.get(row.sender);
        if (level === undefined)
          context.senderLevels.set(
            row.sender,
            (level = userPowerLevel(context.version, context.levelState, row.sender)),
          );
        const event = toClientEvent(row.eventId, row.roomId, row.pdu) as unknown as JsonObject;
        const outcome = evaluatePushRules(context.rules, event, {
          ...context.context,
          senderPowerLevel: level,
        });
        if (outcome?.notify) out.notification_count += 1;
        if (outcome?.highlight) out.highlight_count += 1;
      }
      at = rows[rows.length - 1].streamOrdering ?? upTo;
    }
    return { counts: out, through: at, setup: context };
  }

  private async setup(userId: string, roomId: string): Promise<EvaluationSetup> {
    const state = await this.rooms.current(roomId);
    // Power levels need only these two; the whole state of a big room is not worth keeping.
    const levelState = new Map(
      [stateKey('m.room.create', ''), stateKey('m.room.power_levels', '')].flatMap((key) => {
        const event = state.get(key);
        return event ? [[key, event] as const] : [];
      }),
    );
    return {
      levelState,
      version: await this.rooms.version(roomId),
      rules: mergePushRules(userId, {}),
      context: evaluationContext(userId, state),
      senderLevels: new Map(),
    };
  }
}

/** Counts up to and including the event at `through` (an upTo may lie past every event). */
interface Scanned {
  counts: UnreadCounts;
  through: number;
  setup?: EvaluationSetup;
}

interface EvaluationSetup {
  levelState: StateMap<IdentifiedPdu>;
  version: RoomVersion;
  rules: ReturnType<typeof mergePushRules>;
  context: Omit<PushEvaluationContext, 'senderPowerLevel'>;
  senderLevels: Map<string, number>;
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
