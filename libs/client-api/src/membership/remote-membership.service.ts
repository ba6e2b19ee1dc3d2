import { Inject, Injectable, Optional } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, MatrixError, parseRoomAlias, parseRoomId, tryServerNameOf } from '@switchboard/protocol';
import { MembershipTemplates, REMOTE_ROOMS, RemoteRooms, RoomStateQuery } from '@switchboard/rooms';
import { Requester } from '../auth/requester';
import { RoomAliasesService } from '../directory/room-aliases.service';
import { LocalUsers } from './local-users.service';

/**
 * Membership in rooms this server is not in, through other servers (server-server-api "Joining
 * Rooms", "Inviting to a room", "Leaving Rooms (Rejecting Invites)"). A room counts as ours while
 * one of our users is joined; otherwise our copy of its state may be stale, and the join goes
 * through a resident server.
 */
@Injectable()
export class RemoteMembership {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly residency: MembershipTemplates,
    private readonly rooms: RoomStateQuery,
    private readonly aliases: RoomAliasesService,
    private readonly users: LocalUsers,
    @Optional() @Inject(REMOTE_ROOMS) private readonly remote?: RemoteRooms,
  ) {}

  /**
   * POST /join/{roomIdOrAlias} for a room this server is not in. Undefined when the room is ours
   * to join.
   */
  async joinRemotely(
    requester: Requester,
    roomIdOrAlias: string,
    via: readonly string[],
    extra: JsonObject,
  ): Promise<string | undefined> {
    const target = this.remote && (await this.remoteTarget(requester, roomIdOrAlias, via));
    if (!target) return undefined;
    const content: JsonObject = {
      ...extra,
      ...(await this.users.memberProfile(requester.userId)),
      membership: 'join',
    };
    // As on the local path: the room's server, which knows its guest_access, refuses a guest's
    // join unless guests can_join (modules/guest_access).
    if (requester.isGuest) content.kind = 'guest';
    await this.remote!.join(target.roomId, requester.userId, target.servers, content);
    return target.roomId;
  }

  /** POST /knock/{roomIdOrAlias} for a room this server is not in; undefined when it is ours. */
  async knockRemotely(
    requester: Requester,
    roomIdOrAlias: string,
    via: readonly string[],
    reason: string | undefined,
  ): Promise<string | undefined> {
    const target = this.remote && (await this.remoteTarget(requester, roomIdOrAlias, via));
    if (!target) return undefined;
    const content: JsonObject = {
      ...(await this.users.memberProfile(requester.userId)),
      membership: 'knock',
    };
    if (reason !== undefined) content.reason = reason;
    await this.remote!.knock(target.roomId, requester.userId, target.servers, content);
    return target.roomId;
  }

  /**
   * A room of others and the servers to reach it through: `via` ("The servers to attempt to join
   * the room through"), those an alias resolved to, the server of a pending invite's sender and
   * the room ID's. Undefined for a room this server is in, or one no other server is known for.
   */
  private async remoteTarget(
    requester: Requester,
    roomIdOrAlias: string,
    via: readonly string[],
  ): Promise<{ roomId: string; servers: string[] } | undefined> {
    let roomId = roomIdOrAlias;
    const servers = [...via];
    if (roomIdOrAlias.startsWith('#')) {
      if (parseRoomAlias(roomIdOrAlias).serverName === this.config.server_name) return undefined;
      const resolved = await this.aliases.resolve(roomIdOrAlias);
      roomId = resolved.room_id;
      servers.push(...resolved.servers);
    } else if (roomIdOrAlias.startsWith('!')) {
      parseRoomId(roomIdOrAlias);
    } else {
      return undefined;
    }
    if (await this.residency.isResident(roomId)) return undefined;
    const invite = await this.rooms.membership(roomId, requester.userId);
    if (invite?.membership === 'invite') servers.push(tryServerNameOf(invite.sender) ?? '');
    const roomServer = tryServerNameOf(roomId);
    if (roomServer) servers.push(roomServer);
    const candidates = [...new Set(servers)].filter((s) => s !== '' && s !== this.config.server_name);
    return candidates.length > 0 ? { roomId, servers: candidates } : undefined;
  }

  /**
   * A user of another server, invited from a room of ours: their server signs the invite first.
   * `extra`: more of the member event's content (createRoom's `is_direct`).
   */
  async inviteRemote(
    requester: Requester,
    roomId: string,
    userId: string,
    reason: string | undefined,
    extra: JsonObject = {},
  ): Promise<boolean> {
    if (this.users.isLocal(userId)) return false;
    if (!this.remote) throw new MatrixError('M_FORBIDDEN', 403, `Cannot invite ${userId}: federation is off`);
    const content: JsonObject = { ...extra, membership: 'invite' };
    if (reason !== undefined) content.reason = reason;
    await this.remote.invite(roomId, requester.userId, userId, content);
    return true;
  }

  /**
   * POST /rooms/{roomId}/leave for an invite to a room this server is not in: rejected through the
   * inviting server. False when the leave is an ordinary event of a room of ours.
   */
  async rejectRemoteInvite(
    requester: Requester,
    roomId: string,
    reason: string | undefined,
  ): Promise<boolean> {
    if (!this.remote) return false;
    const membership = await this.rooms.membership(roomId, requester.userId);
    if (membership?.membership !== 'invite' || this.users.isLocal(membership.sender)) return false;
    if (await this.residency.isResident(roomId)) return false;
    const content: JsonObject = { membership: 'leave' };
    if (reason !== undefined) content.reason = reason;
    await this.remote.rejectInvite(roomId, requester.userId, content);
    return true;
  }
}
