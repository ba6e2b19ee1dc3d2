import { Inject, Injectable } from '@nestjs/common';
import { AppserviceRegistry } from '@switchboard/appservice';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError, parseRoomAlias, roomVersion } from '@switchboard/protocol';
import { CreateRoomPerform } from '@switchboard/rooms';
import { RoomAliasesRepository, RoomsRepository, Transactions } from '@switchboard/storage';
import { assertMayCreateAlias } from '../auth/appservice-requester';
import { Requester } from '../auth/requester';
import { ThirdPartyInviteService } from '../inviting/third-party-invite.service';
import { LocalUsers } from '../membership/local-users.service';
import { RemoteMembership } from '../membership/remote-membership.service';
import { CreateRoomRequest } from './create-room-request';
import { planRoom } from './room-plan';

/** POST /createRoom: everything is checked first, then the room is written in one transaction. */
@Injectable()
export class CreateRoomService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly perform: CreateRoomPerform,
    private readonly transactions: Transactions,
    private readonly aliases: RoomAliasesRepository,
    private readonly rooms: RoomsRepository,
    private readonly users: LocalUsers,
    private readonly thirdPartyInvites: ThirdPartyInviteService,
    private readonly remote: RemoteMembership,
    private readonly appservices: AppserviceRegistry,
  ) {}

  async create(requester: Requester, request: CreateRoomRequest): Promise<string> {
    const versionId = request.roomVersion ?? this.config.default_room_version;
    const version = roomVersion(versionId);
    if (!version) {
      throw new MatrixError('M_UNSUPPORTED_ROOM_VERSION', 400, `Room version ${versionId} is not supported`);
    }
    const alias =
      request.roomAliasName === undefined
        ? undefined
        : `#${request.roomAliasName}:${this.config.server_name}`;
    if (alias !== undefined) {
      parseRoomAlias(alias);
      assertMayCreateAlias(this.appservices, requester, alias);
      if (await this.aliases.get(this.transactions.reader, alias)) throw aliasTaken(alias);
    }
    const remoteInvitees = new Set(request.invite.filter((invitee) => !this.users.isLocal(invitee)));
    for (const invitee of request.invite) {
      if (!remoteInvitees.has(invitee)) await this.users.assertReachable(invitee);
    }
    const plan = planRoom({
      creator: requester.userId,
      version,
      request,
      alias,
      creatorProfile: await this.users.memberProfile(requester.userId),
      invitedLater: remoteInvitees,
    });
    let roomId: string;
    try {
      ({ roomId } = await this.perform.create({
        creator: requester.userId,
        roomVersion: version.id,
        createContent: plan.createContent,
        initialEvents: plan.initialEvents,
        alsoInTransaction: async (tx, roomId) => {
          // Checked above, but another request may have taken it since: then nothing is created.
          if (
            alias !== undefined &&
            !(await this.aliases.insert(tx, { alias, roomId, creator: requester.userId }))
          ) {
            throw aliasTaken(alias);
          }
          if (request.visibility === 'public') await this.rooms.setPublic(tx, roomId, true);
        },
      }));
    } catch (err) {
      // "The initial state implied by the parameters to the request is invalid" (create_room.yaml 400).
      if (err instanceof MatrixError && err.errcode === 'M_FORBIDDEN') {
        throw new MatrixError('M_INVALID_ROOM_STATE', 400, `Invalid initial state: ${err.message}`);
      }
      throw err;
    }
    // Once the room exists, as POST /invite would send them.
    for (const invitee of remoteInvitees) {
      await this.remote.inviteRemote(
        requester,
        roomId,
        invitee,
        undefined,
        request.isDirect ? { is_direct: true } : {},
      );
    }
    for (const invitee of request.invite3pid) await this.thirdPartyInvites.invite(requester, roomId, invitee);
    return roomId;
  }
}

function aliasTaken(alias: string): MatrixError {
  return new MatrixError('M_ROOM_IN_USE', 400, `Room alias ${alias} already taken`);
}
