import { Injectable } from '@nestjs/common';
import {
  IdentifiedPdu,
  JsonObject,
  MatrixError,
  parseRoomId,
  parseUserId,
  powerLevelsFromState,
  RoomVersion,
  StateMap,
  stateEvent,
  stateKey,
} from '@switchboard/protocol';
import { membershipOf, RoomStateQuery, SendPerform } from '@switchboard/rooms';
import { MembershipsRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { RoomAliasesService } from '../directory/room-aliases.service';
import { UpgradedRoomUserState } from '../room_upgrades/upgraded-room-user-state.service';
import { ServerNoticeMembership } from '../server_notices/server-notice-membership.service';
import { LocalUsers } from './local-users.service';
import { RemoteMembership } from './remote-membership.service';

export function guestsMayJoin(state: StateMap<IdentifiedPdu>): boolean {
  return state.get(stateKey('m.room.guest_access', ''))?.pdu.content.guest_access === 'can_join';
}

/** Which memberships a kick may end ("The kickee is not currently in the room"). */
const KICKABLE: ReadonlySet<string> = new Set(['join', 'invite', 'knock']);

/**
 * client-server-api "Room membership": join, invite, leave, forget, kick, ban, unban and knock in
 * rooms this server knows. Each becomes one m.room.member event; the auth rules decide whether it
 * is allowed and a refusal is 403 M_FORBIDDEN.
 */
@Injectable()
export class MembershipService {
  constructor(
    private readonly send: SendPerform,
    private readonly rooms: RoomStateQuery,
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
    private readonly aliases: RoomAliasesService,
    private readonly users: LocalUsers,
    private readonly upgraded: UpgradedRoomUserState,
    private readonly remote: RemoteMembership,
    private readonly serverNotices: ServerNoticeMembership,
  ) {}

  /**
   * POST /join/{roomIdOrAlias} and /rooms/{roomId}/join; `extra` is the rest of the request body
   * (reason, custom keys); `via`: servers to join a room of others through. Already joined:
   * nothing is sent.
   */
  async join(
    requester: Requester,
    roomIdOrAlias: string,
    extra: JsonObject = {},
    via: readonly string[] = [],
  ): Promise<string> {
    const joinedRemotely = await this.remote.joinRemotely(requester, roomIdOrAlias, via, extra);
    if (joinedRemotely !== undefined) {
      const create = await this.rooms.currentEvent(joinedRemotely, 'm.room.create', '');
      await this.upgraded.afterJoin(requester.userId, joinedRemotely, create?.pdu.content);
      return joinedRemotely;
    }
    const roomId = await this.aliases.roomIdOf(roomIdOrAlias);
    const version = await this.rooms.version(roomId);
    const state = await this.rooms.current(roomId);
    const current = membershipOf(state, requester.userId);
    if (current === 'join') return roomId;
    // modules/guest_access: "Servers MUST only allow guest users to join rooms if the
    // m.room.guest_access state event is present on the room, and has the guest_access value can_join."
    if (requester.isGuest && !guestsMayJoin(state)) {
      throw new MatrixError('M_FORBIDDEN', 403, 'Guest access is not allowed in this room.');
    }
    const content: JsonObject = {
      ...extra,
      ...(await this.users.memberProfile(requester.userId)),
      membership: 'join',
    };
    // Synapse marks a guest's join the same way.
    if (requester.isGuest) content.kind = 'guest';
    if (current !== 'invite' && current !== 'ban') {
      const authoriser = await this.restrictedJoinAuthoriser(version, state, requester.userId);
      if (authoriser !== undefined) content.join_authorised_via_users_server = authoriser;
    }
    await this.send.send(roomId, requester.userId, stateEvent('m.room.member', requester.userId, content));
    const create = state.get(stateKey('m.room.create', ''))?.pdu.content;
    await this.upgraded.afterJoin(requester.userId, roomId, create);
    await this.serverNotices.afterJoin(requester.userId, roomId);
    return roomId;
  }

  /** POST /knock/{roomIdOrAlias}: "Users who are currently in the room, already invited, or banned cannot knock." */
  async knock(
    requester: Requester,
    roomIdOrAlias: string,
    reason: string | undefined,
    via: readonly string[] = [],
  ): Promise<string> {
    const knockedRemotely = await this.remote.knockRemotely(requester, roomIdOrAlias, via, reason);
    if (knockedRemotely !== undefined) return knockedRemotely;
    const roomId = await this.aliases.roomIdOf(roomIdOrAlias);
    await this.changeMembership(requester, roomId, requester.userId, 'knock', reason, { withProfile: true });
    return roomId;
  }

  /** POST /rooms/{roomId}/invite: 200 also when "already invited to the room", sending nothing. */
  async invite(
    requester: Requester,
    roomId: string,
    userId: string,
    reason: string | undefined,
  ): Promise<void> {
    const state = await this.roomState(roomId);
    parseUserId(userId);
    const inviterJoined = membershipOf(state, requester.userId) === 'join';
    if (inviterJoined && membershipOf(state, userId) === 'invite') return;
    if (await this.remote.inviteRemote(requester, roomId, userId, reason)) return;
    await this.users.assertReachable(userId);
    await this.changeMembership(requester, roomId, userId, 'invite', reason, { withProfile: true });
  }

  /** POST /rooms/{roomId}/leave: leaves, rejects an invite or retracts a knock; a repeat does nothing. */
  async leave(requester: Requester, roomId: string, reason: string | undefined): Promise<void> {
    if (await this.remote.rejectRemoteInvite(requester, roomId, reason)) return;
    const state = await this.roomState(roomId);
    const current = state.get(stateKey('m.room.member', requester.userId));
    if (current?.pdu.content.membership === 'leave') return;
    await this.changeMembership(requester, roomId, requester.userId, 'leave', reason);
  }

  /** POST /rooms/{roomId}/forget: "If the user is currently joined to the room, they must leave the room before". */
  async forget(requester: Requester, roomId: string): Promise<void> {
    parseRoomId(roomId);
    const row = await this.memberships.get(this.transactions.reader, roomId, requester.userId);
    if (!row) {
      await this.rooms.version(roomId);
      throw new MatrixError('M_NOT_FOUND', 404, 'You have never been in this room.');
    }
    if (row.membership === 'join') {
      throw new MatrixError('M_UNKNOWN', 400, `User ${requester.userId} is in room ${roomId}`);
    }
    await this.memberships.forget(this.transactions.reader, roomId, requester.userId);
  }

  /** POST /rooms/{roomId}/kick: the target must be joined, invited or knocking. */
  async kick(
    requester: Requester,
    roomId: string,
    userId: string,
    reason: string | undefined,
  ): Promise<void> {
    const state = await this.roomState(roomId);
    parseUserId(userId);
    if (!KICKABLE.has(membershipOf(state, userId))) {
      throw new MatrixError('M_FORBIDDEN', 403, `${userId} is not in the room.`);
    }
    await this.changeMembership(requester, roomId, userId, 'leave', reason);
  }

  /** POST /rooms/{roomId}/ban: also kicks a user in the room. */
  async ban(requester: Requester, roomId: string, userId: string, reason: string | undefined): Promise<void> {
    await this.roomState(roomId);
    parseUserId(userId);
    await this.changeMembership(requester, roomId, userId, 'ban', reason);
  }

  /** POST /rooms/{roomId}/unban: the target must be banned. */
  async unban(
    requester: Requester,
    roomId: string,
    userId: string,
    reason: string | undefined,
  ): Promise<void> {
    const state = await this.roomState(roomId);
    parseUserId(userId);
    if (membershipOf(state, userId) !== 'ban')
      throw new MatrixError('M_FORBIDDEN', 403, `${userId} is not banned.`);
    await this.changeMembership(requester, roomId, userId, 'leave', reason);
  }

  private async changeMembership(
    requester: Requester,
    roomId: string,
    userId: string,
    membership: string,
    reason: string | undefined,
    options: { withProfile?: boolean } = {},
  ): Promise<void> {
    // Invites and knocks carry the target's displayname and avatar_url, as joins do.
    const profile = options.withProfile ? await this.users.memberProfile(userId) : {};
    const content: JsonObject = { ...profile, membership };
    if (reason !== undefined) content.reason = reason;
    await this.send.send(roomId, requester.userId, stateEvent('m.room.member', userId, content));
  }

  private async roomState(roomId: string): Promise<StateMap<IdentifiedPdu>> {
    parseRoomId(roomId);
    await this.rooms.version(roomId);
    return this.rooms.current(roomId);
  }

  /**
   * client-server-api "Restricted rooms": "When joining without an invite, the server MUST verify
   * that the requesting user meets at least one of the conditions" (m.room_membership: joined to
   * the listed room, here on this server). The join then names a joined local user able to invite,
   * as the auth rules require of join_authorised_via_users_server. Undefined for other join rules.
   */
  private async restrictedJoinAuthoriser(
    version: RoomVersion,
    state: StateMap<IdentifiedPdu>,
    userId: string,
  ): Promise<string | undefined> {
    const rules = state.get(stateKey('m.room.join_rules', ''))?.pdu.content;
    const restricted =
      (version.restrictedJoins && rules?.join_rule === 'restricted') ||
      (version.knockRestrictedJoins && rules?.join_rule === 'knock_restricted');
    if (!restricted) return undefined;
    const allow = Array.isArray(rules?.allow) ? rules.allow : [];
    let satisfied = false;
    for (const condition of allow) {
      const c = condition as JsonObject | null;
      if (c?.type !== 'm.room_membership' || typeof c.room_id !== 'string') continue;
      if ((await this.rooms.membership(c.room_id, userId))?.membership === 'join') satisfied = true;
    }
    if (!satisfied) {
      throw new MatrixError('M_FORBIDDEN', 403, 'You do not meet any of the conditions to join this room.');
    }
    const levels = powerLevelsFromState(version, state);
    const candidates = [...state.values()]
      .filter(
        (e) =>
          e.pdu.type === 'm.room.member' &&
          e.pdu.content.membership === 'join' &&
          e.pdu.state_key !== undefined &&
          this.users.isLocal(e.pdu.state_key) &&
          levels.userPowerLevel(e.pdu.state_key) >= levels.level('invite'),
      )
      .map((e) => e.pdu.state_key as string)
      .sort((a, b) => levels.userPowerLevel(b) - levels.userPowerLevel(a));
    if (candidates.length === 0) {
      throw new MatrixError('M_FORBIDDEN', 403, 'No user of this server can authorise the join.');
    }
    return candidates[0];
  }
}
