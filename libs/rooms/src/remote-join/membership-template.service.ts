import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  authEventsNeeded,
  authorizeEvent,
  eventReference,
  EventReference,
  IdentifiedPdu,
  JsonObject,
  MatrixError,
  Pdu,
  RoomVersion,
  serverNameOf,
  stateKey,
} from '@switchboard/protocol';
import {
  EventGraphRepository,
  MembershipsRepository,
  RoomsRepository,
  Transactions,
} from '@switchboard/storage';
import { versionOf } from '../perform/event-writer';
import { EventCache } from '../query/event-cache';
import { RoomStateQuery } from '../query/room-state.query';

export type RemoteMembership = 'join' | 'leave' | 'knock';

export interface MembershipTemplate {
  room_version: string;
  event: Omit<Pdu, 'hashes' | 'signatures'>;
}

/**
 * The resident server's half of make_join, make_leave and make_knock (server-server-api "Joining
 * Rooms", "Leaving Rooms", "Knocking"): an unsigned member event on top of the room's forward
 * extremities, with auth_events from its current state, that the auth rules would allow.
 */
@Injectable()
export class MembershipTemplates {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly rooms: RoomsRepository,
    private readonly memberships: MembershipsRepository,
    private readonly graph: EventGraphRepository,
    private readonly cache: EventCache,
    private readonly state: RoomStateQuery,
  ) {}

  /**
   * `supported`: the `ver` list of make_join and make_knock, whose "default is [1]";
   * M_INCOMPATIBLE_ROOM_VERSION when the room's version is not in it.
   */
  async template(
    origin: string,
    roomId: string,
    userId: string,
    membership: RemoteMembership,
    supported?: readonly string[],
  ): Promise<MembershipTemplate> {
    if (serverNameOf(userId) !== origin) {
      throw new MatrixError('M_FORBIDDEN', 403, `${origin} may not make events for ${userId}`);
    }
    const version = await this.residentRoom(roomId);
    if (supported !== undefined && !supported.includes(version.id)) {
      throw new MatrixError(
        'M_INCOMPATIBLE_ROOM_VERSION',
        400,
        `Your homeserver does not support the features required to join this room (version ${version.id})`,
        { room_version: version.id },
      );
    }
    const q = this.transactions.reader;
    const current = await this.state.current(roomId);
    const prevIds = await this.graph.forwardExtremities(q, roomId);
    const prevEvents = [...(await this.cache.getMany(q, prevIds)).values()];
    const content: JsonObject = { membership };
    const authKeys = authEventsNeeded(version, {
      type: 'm.room.member',
      sender: userId,
      state_key: userId,
      content,
    });
    const authEvents = authKeys
      .map((k) => current.get(stateKey(k.type, k.stateKey)))
      .filter((e): e is IdentifiedPdu => e !== undefined);
    const reference = (e: IdentifiedPdu): EventReference =>
      version.eventFormat === 'v1' ? eventReference(e.pdu, version) : e.eventId;
    const event: Pdu = {
      room_id: roomId,
      sender: userId,
      state_key: userId,
      type: 'm.room.member',
      content,
      auth_events: authEvents.map(reference),
      prev_events: prevEvents.map(reference),
      depth: prevEvents.reduce((max, e) => Math.max(max, e.pdu.depth), 0) + 1,
      origin_server_ts: Date.now(),
      hashes: { sha256: '' },
      signatures: {},
    };
    if (version.eventFormat === 'v1' || version.eventFormat === 'v3') event.origin = origin;
    if (version.eventIdFormat === 'v1')
      event.event_id = `$${randomBytes(12).toString('base64url')}:${this.config.server_name}`;
    // Refused here rather than at send_join: "the resident server ... may reject the request".
    const verdict = authorizeEvent(version, { eventId: event.event_id ?? '$template', pdu: event }, current);
    if (!verdict.allowed) throw new MatrixError('M_FORBIDDEN', 403, verdict.reason);
    // A template: the joining server adds the hashes and signatures.
    const { hashes: _hashes, signatures: _signatures, ...template } = event;
    return { room_version: version.id, event: template };
  }

  /** A room this server is still in: 404 M_NOT_FOUND for one it left ("rooms where all users have left"). */
  async residentRoom(roomId: string): Promise<RoomVersion> {
    const room = await this.rooms.get(this.transactions.reader, roomId);
    if (!room || !(await this.isResident(roomId))) {
      throw new MatrixError('M_NOT_FOUND', 404, `This server is not in room ${roomId}`);
    }
    return versionOf(room);
  }

  /** Whether one of this server's users is joined to the room: only then is its state current here. */
  async isResident(roomId: string): Promise<boolean> {
    const joined = await this.memberships.inRoom(this.transactions.reader, roomId, ['join']);
    return joined.some((m) => serverNameOf(m.userId) === this.config.server_name);
  }
}
