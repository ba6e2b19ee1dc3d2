import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { evaluatePushRules, JsonObject, Pdu, toClientEvent } from '@switchboard/protocol';
import { LOGGER } from '@switchboard/observability';
import { RoomStateQuery } from '@switchboard/rooms';
import {
  EventsRepository,
  PushActionRow,
  PushCandidateEvent,
  PushEvaluationRepository,
  PushRecipient,
  ReadFloor,
  Transactions,
} from '@switchboard/storage';
import { PushRulesService } from '../pushrules/push-rules.service';
import { RoomPushContext } from './room-push-context';
import { threadOf } from './thread-of';

/** A notifying event for a user with an HTTP pusher: a job for the push queue. */
export interface PushDelivery {
  userId: string;
  roomId: string;
  eventId: string;
  actions: unknown[];
}

/** A local user joined a room that upgrades another. */
export interface UpgradeJoin {
  userId: string;
  roomId: string;
  predecessor: string;
}

export interface EvaluatedBatch {
  actions: PushActionRow[];
  upgradeJoins: UpgradeJoin[];
  floors: ReadFloor[];
  /** Events redacted by the batch: their actions go. */
  redacted: string[];
  deliveries: PushDelivery[];
}

/**
 * push.md "Server behaviour": "When receiving a new event homeservers process push rules for each
 * of the local users in the room (excluding the sender)". Reads what a batch of events needs with
 * a few queries (members, member counts, local senders), then evaluates each event for each of
 * its room's local members who had joined before it, and for a local user it invites.
 */
@Injectable()
export class PushBatchEvaluator {
  constructor(
    private readonly transactions: Transactions,
    private readonly evaluation: PushEvaluationRepository,
    private readonly events: EventsRepository,
    private readonly rooms: RoomStateQuery,
    private readonly rules: PushRulesService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async evaluate(batch: readonly PushCandidateEvent[]): Promise<EvaluatedBatch> {
    const q = this.transactions.reader;
    const timeline = batch.filter((e) => e.timeline);
    const roomIds = [...new Set(timeline.map((e) => e.roomId))];
    const [members, counts, local] = await Promise.all([
      this.evaluation.joinedLocalUsers(q, roomIds),
      this.evaluation.joinedCounts(q, roomIds),
      this.evaluation.localUsers(q, [...new Set(timeline.flatMap((e) => [e.pdu.sender, ...invitee(e.pdu)]))]),
    ]);
    const membersOf = groupBy(members, (m) => m.roomId);
    const contexts = new Map<string, Promise<RoomPushContext>>();
    const out: EvaluatedBatch = { actions: [], upgradeJoins: [], floors: [], redacted: [], deliveries: [] };
    for (const event of timeline) {
      const { pdu, roomId, streamOrdering } = event;
      const redacts = redactsOf(pdu);
      if (redacts) out.redacted.push(redacts);
      if (local.has(pdu.sender)) out.floors.push({ userId: pdu.sender, roomId, streamOrdering });
      try {
        if (local.has(pdu.sender) && joinsItself(pdu)) {
          const predecessor = await this.predecessorOf(roomId);
          if (predecessor) out.upgradeJoins.push({ userId: pdu.sender, roomId, predecessor });
        }
        const recipients = recipientsOf(event, membersOf.get(roomId) ?? [], local);
        if (recipients.length === 0) continue;
        if (!contexts.has(roomId)) contexts.set(roomId, this.roomContext(roomId, counts.get(roomId) ?? 0));
        out.actions.push(...(await this.evaluateEvent(event, recipients, await contexts.get(roomId)!)));
      } catch (err) {
        // One event that cannot be evaluated must not hold back every later one.
        this.logger.error(
          { err, room_id: roomId, event_id: event.eventId },
          'push: evaluating an event failed',
        );
      }
    }
    const notified = out.actions.filter((a) => a.notify);
    const withPushers = await this.evaluation.usersWithHttpPushers(q, [
      ...new Set(notified.map((a) => a.userId)),
    ]);
    out.deliveries = notified
      .filter((a) => withPushers.has(a.userId))
      .map((a) => ({ userId: a.userId, roomId: a.roomId, eventId: a.eventId, actions: a.actions }));
    return out;
  }

  private async evaluateEvent(
    event: PushCandidateEvent,
    recipients: readonly PushRecipient[],
    context: RoomPushContext,
  ): Promise<PushActionRow[]> {
    const { pdu, roomId, eventId, streamOrdering } = event;
    const clientEvent = toClientEvent(eventId, roomId, pdu) as unknown as JsonObject;
    const rows: PushActionRow[] = [];
    let thread: string | undefined;
    for (const recipient of recipients) {
      const rules = await this.rules.rulesOf(recipient.userId);
      const outcome = evaluatePushRules(
        rules,
        clientEvent,
        context.for(recipient.userId, recipient.displayName, pdu.sender),
      );
      if (!outcome || !(outcome.notify || outcome.highlight)) continue;
      thread ??= await threadOf(pdu, (ids) => this.pdus(ids));
      rows.push({
        userId: recipient.userId,
        roomId,
        eventId,
        streamOrdering,
        threadId: thread,
        actions: outcome.actions,
        notify: outcome.notify,
        highlight: outcome.highlight,
        ts: Date.now(),
      });
    }
    return rows;
  }

  /** Carries each upgrade join's room rules over; a failure costs that user their copied rules only. */
  async copyRulesToUpgrades(joins: readonly UpgradeJoin[]): Promise<void> {
    for (const join of joins) {
      try {
        await this.rules.copyRoomRules(join.userId, join.predecessor, join.roomId);
      } catch (err) {
        this.logger.error(
          { err, room_id: join.roomId, user_id: join.userId },
          'push: copying room rules failed',
        );
      }
    }
  }

  private async predecessorOf(roomId: string): Promise<string | undefined> {
    const create = await this.rooms.currentEvent(roomId, 'm.room.create', '');
    const predecessor = create?.pdu.content.predecessor;
    const from =
      typeof predecessor === 'object' && predecessor !== null && !Array.isArray(predecessor)
        ? predecessor.room_id
        : undefined;
    return typeof from === 'string' ? from : undefined;
  }

  private async roomContext(roomId: string, memberCount: number): Promise<RoomPushContext> {
    const [version, create, powerLevels] = await Promise.all([
      this.rooms.version(roomId),
      this.rooms.currentEvent(roomId, 'm.room.create', ''),
      this.rooms.currentEvent(roomId, 'm.room.power_levels', ''),
    ]);
    return new RoomPushContext(version, create, powerLevels, memberCount);
  }

  private async pdus(eventIds: string[]): Promise<Map<string, Pdu>> {
    const rows = await this.events.getMany(this.transactions.reader, eventIds);
    return new Map([...rows].map(([id, row]) => [id, row.pdu]));
  }
}

/** The room's local members who had joined before the event, but its sender; and a local user it invites. */
function recipientsOf(
  event: PushCandidateEvent,
  members: readonly PushRecipient[],
  local: ReadonlySet<string>,
): PushRecipient[] {
  const { pdu, roomId, streamOrdering } = event;
  const recipients = members.filter((m) => m.joinedAt < streamOrdering && m.userId !== pdu.sender);
  for (const userId of invitee(pdu)) {
    if (local.has(userId) && !recipients.some((m) => m.userId === userId))
      recipients.push({ roomId, userId, joinedAt: 0, displayName: null });
  }
  return recipients;
}

function joinsItself(pdu: Pdu): boolean {
  return pdu.type === 'm.room.member' && pdu.content.membership === 'join' && pdu.state_key === pdu.sender;
}

/** The local-or-not user an m.room.member invite is for: "Invites are pushed". */
function invitee(pdu: Pdu): string[] {
  return pdu.type === 'm.room.member' &&
    pdu.content.membership === 'invite' &&
    typeof pdu.state_key === 'string'
    ? [pdu.state_key]
    : [];
}

/** The event a redaction redacts: top-level before room version 11, in content from it. */
function redactsOf(pdu: Pdu): string | undefined {
  if (pdu.type !== 'm.room.redaction') return undefined;
  const redacts = pdu.redacts ?? pdu.content.redacts;
  return typeof redacts === 'string' ? redacts : undefined;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(key(item));
    if (list) list.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}
