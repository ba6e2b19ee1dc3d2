import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, roomVersion, stateEvent } from '@switchboard/protocol';
import { CreateRoomPerform, RoomStateQuery, SendPerform } from '@switchboard/rooms';
import { ServerNoticeRoomsRepository, Transactions } from '@switchboard/storage';
import { planRoom } from '../create_room/room-plan';
import { ProfilesService } from '../profile/profiles.service';

/**
 * "Servers should manage exactly 1 server notices room per user" and "should invite the target
 * user rather than automatically join them": each user's room is created once, with the user
 * invited, and kept in server_notice_rooms; a user who has left it is invited back to it.
 */
@Injectable()
export class ServerNoticeRooms {
  /** Creations under way in this process, so that concurrent first notices share one room. */
  private readonly creating = new Map<string, Promise<string>>();

  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly notices: ServerNoticeRoomsRepository,
    private readonly create: CreateRoomPerform,
    private readonly send: SendPerform,
    private readonly rooms: RoomStateQuery,
    private readonly profiles: ProfilesService,
  ) {}

  /** The user's room, with the user invited or joined; `systemUser` is in it. */
  async roomFor(userId: string, systemUser: string): Promise<string> {
    const roomId = await this.notices.roomOf(this.transactions.reader, userId);
    if (roomId === null) return this.createOnce(userId, systemUser);
    const membership = (await this.rooms.membership(roomId, userId))?.membership;
    if (membership !== 'invite' && membership !== 'join') {
      await this.send.send(roomId, systemUser, stateEvent('m.room.member', userId, { membership: 'invite' }));
    }
    return roomId;
  }

  private createOnce(userId: string, systemUser: string): Promise<string> {
    const pending = this.creating.get(userId);
    if (pending) return pending;
    const created = this.createRoom(userId, systemUser).finally(() => this.creating.delete(userId));
    this.creating.set(userId, created);
    return created;
  }

  private async createRoom(userId: string, systemUser: string): Promise<string> {
    // The configuration is validated at start: its default room version is one we support.
    const version = roomVersion(this.config.default_room_version)!;
    const plan = planRoom({
      creator: systemUser,
      version,
      request: {
        visibility: 'private',
        preset: 'private_chat',
        name: this.config.server_notices.room_name,
        invite: [userId],
        invite3pid: [],
        creationContent: {},
        initialState: [],
        isDirect: false,
        // As Synapse does: the user reads notices and cannot post in the room.
        powerLevelContentOverride: { users_default: -10 },
      },
      creatorProfile: await this.creatorProfile(systemUser),
    });
    try {
      const { roomId } = await this.create.create({
        creator: systemUser,
        roomVersion: version.id,
        createContent: plan.createContent,
        initialEvents: plan.initialEvents,
        alsoInTransaction: (tx, roomId) => this.notices.insert(tx, userId, roomId),
      });
      return roomId;
    } catch (err) {
      // Another process created the user's room first: the key refused ours, theirs is the one.
      const theirs = await this.notices.roomOf(this.transactions.reader, userId);
      if (theirs === null) throw err;
      return theirs;
    }
  }

  private async creatorProfile(systemUser: string): Promise<JsonObject> {
    const displayname = this.config.server_notices.system_mxid_display_name;
    const profile = await this.profiles.memberContent(systemUser);
    return displayname === null ? profile : { ...profile, displayname };
  }
}
