import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { LOGGER } from '@switchboard/observability';
import { JsonObject, stateEvent } from '@switchboard/protocol';
import { RoomStateQuery, SendPerform } from '@switchboard/rooms';
import { MembershipsRepository, Transactions } from '@switchboard/storage';
import { PresenceService } from '../presence/presence.service';

/** The profile fields that m.room.member events and m.presence carry. */
export const PROPAGATED_FIELDS = ['displayname', 'avatar_url'] as const;

/**
 * client-server-api "Events on Change of Profile Information": "an m.room.member event (with a
 * join membership) is sent to every room the user is a member of", and "an m.presence presence
 * status update is sent", both with the new displayname and avatar_url.
 */
@Injectable()
export class ProfilePropagationService {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
    private readonly rooms: RoomStateQuery,
    private readonly send: SendPerform,
    private readonly presence: PresenceService,
  ) {}

  async propagate(userId: string, fields: JsonObject): Promise<void> {
    const joined = await this.memberships.forUser(this.transactions.reader, userId, ['join']);
    for (const { roomId } of joined) {
      const current = await this.rooms.currentEvent(roomId, 'm.room.member', userId);
      // The rest of the member event (reason, is_direct, ...) stays as it was.
      const content: JsonObject = { ...current?.pdu.content, membership: 'join' };
      for (const key of PROPAGATED_FIELDS) {
        if (typeof fields[key] === 'string') content[key] = fields[key];
        else delete content[key];
      }
      try {
        await this.send.send(roomId, userId, stateEvent('m.room.member', userId, content));
      } catch (err) {
        // One room refusing the update (the user lost the right to change their membership event,
        // say) must not keep the others from getting it.
        this.logger.warn({ room_id: roomId, user_id: userId, err }, 'profile change not sent to room');
      }
    }
    await this.presence.republish(userId);
  }
}
