import { Inject, Injectable } from '@nestjs/common';
import {
  authorizeEvent,
  IdentifiedPdu,
  JsonObject,
  MatrixError,
  RoomVersion,
  STRIPPED_STATE_TYPES,
  stateEvent,
  stateKey,
} from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { EventGraphRepository, Transactions } from '@switchboard/storage';
import { RoomLocks } from '../locks/room-locks';
import { referencedIds } from '../perform/current-state-writer';
import { EventWriter } from '../perform/event-writer';
import { EVENTS_STREAM } from '../perform/send.perform';
import { EventCache } from '../query/event-cache';
import { RoomStateQuery } from '../query/room-state.query';

export interface PendingInvite {
  version: RoomVersion;
  event: IdentifiedPdu;
  /**
   * "invite_room_state": the events the invitee sees the room by, full events since v1.16 (their
   * server strips them for its client), m.room.create among them.
   */
  inviteRoomState: JsonObject[];
}

/**
 * Inviting a user of another server from a room of ours (server-server-api "Inviting to a room"):
 * the invite is built and authorised, but stored only once the invitee's server has signed it,
 * so an invite that server refuses never enters the room.
 */
@Injectable()
export class RemoteInvitePerform {
  constructor(
    private readonly transactions: Transactions,
    private readonly locks: RoomLocks,
    private readonly writer: EventWriter,
    private readonly graph: EventGraphRepository,
    private readonly cache: EventCache,
    private readonly state: RoomStateQuery,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  async build(roomId: string, sender: string, invitee: string, content: JsonObject): Promise<PendingInvite> {
    const template = stateEvent('m.room.member', invitee, { ...content, membership: 'invite' });
    const built = await this.locks.withRoom(roomId, () =>
      this.transactions.run(async (tx) => {
        const { room, version } = await this.writer.loadRoom(tx, roomId);
        const prevIds = await this.graph.forwardExtremities(tx, roomId);
        const prevEvents = [...(await this.cache.getMany(tx, prevIds)).values()];
        const authState = await this.writer.authStateFor(tx, room, version, sender, template);
        const event = this.writer.buildAuthorised(version, roomId, sender, template, prevEvents, authState);
        return { version, event };
      }),
    );
    const current = await this.state.current(roomId);
    const inviteRoomState = [
      ...STRIPPED_STATE_TYPES.map((t) => stateKey(t, '')),
      stateKey('m.room.member', sender),
    ]
      .map((key) => current.get(key))
      .filter((e): e is IdentifiedPdu => e !== undefined)
      .map((e) => e.pdu as unknown as JsonObject);
    return { ...built, inviteRoomState };
  }

  /** Stores the invite the invitee's server signed; authorised again, as the room may have moved on. */
  async persist(roomId: string, invite: IdentifiedPdu): Promise<void> {
    const position = await this.locks.withRoom(roomId, () =>
      this.transactions.run(async (tx) => {
        await this.writer.lockRoom(tx, roomId);
        const { room, version } = await this.writer.loadRoom(tx, roomId);
        const template = {
          type: invite.pdu.type,
          stateKey: invite.pdu.state_key,
          content: invite.pdu.content,
        };
        const authState = await this.writer.authStateFor(tx, room, version, invite.pdu.sender, template);
        const verdict = authorizeEvent(version, invite, authState);
        if (!verdict.allowed) throw new MatrixError('M_FORBIDDEN', 403, verdict.reason);
        return this.writer.persist(tx, room, invite, referencedIds(invite.pdu.prev_events));
      }),
    );
    await this.notifier.publish(EVENTS_STREAM, position);
  }
}
