import { Injectable } from '@nestjs/common';
import {
  EventTemplate,
  MatrixError,
  parseRoomId,
  powerLevelsFromState,
  roomVersion,
  stateEvent,
  stateKey,
} from '@switchboard/protocol';
import { CreateRoomPerform, RoomStateQuery, SendPerform } from '@switchboard/rooms';
import { RoomAliasesRepository, RoomsRepository } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { LocalUsers } from '../membership/local-users.service';
import { planUpgrade, restrictedOldLevels } from './upgrade-plan';
import { UpgradedRoomUserState } from './upgraded-room-user-state.service';

/** modules/room_upgrades "Server behaviour", steps 1 to 6. */
@Injectable()
export class RoomUpgradeService {
  constructor(
    private readonly createRoom: CreateRoomPerform,
    private readonly send: SendPerform,
    private readonly rooms: RoomStateQuery,
    private readonly aliases: RoomAliasesRepository,
    private readonly roomsTable: RoomsRepository,
    private readonly users: LocalUsers,
    private readonly userState: UpgradedRoomUserState,
  ) {}

  /**
   * The replacement room, the moved aliases and directory listing are written in one transaction.
   * The tombstone comes first when the new room's ID can be chosen beforehand, so that the new
   * create event's `predecessor.event_id` can name it; from v12 the room ID is the create event's
   * hash and the tombstone follows. The old room's canonical alias (its aliases now point
   * elsewhere) and restricted power levels come last.
   */
  async upgrade(
    requester: Requester,
    oldRoomId: string,
    newVersionId: string,
    additionalCreators: readonly string[],
  ): Promise<string> {
    parseRoomId(oldRoomId);
    const newVersion = roomVersion(newVersionId);
    if (!newVersion) {
      throw new MatrixError(
        'M_UNSUPPORTED_ROOM_VERSION',
        400,
        'This server does not support that room version',
      );
    }
    const oldVersion = await this.rooms.version(oldRoomId);
    const oldState = await this.rooms.current(oldRoomId);
    // 1. "Checks that the user has permission to send m.room.tombstone events in the room."
    const levels = powerLevelsFromState(oldVersion, oldState);
    const joined =
      oldState.get(stateKey('m.room.member', requester.userId))?.pdu.content.membership === 'join';
    if (
      !joined ||
      levels.userPowerLevel(requester.userId) < levels.requiredPowerLevel('m.room.tombstone', true)
    ) {
      throw new MatrixError('M_FORBIDDEN', 403, 'You cannot upgrade this room');
    }
    const allocated = this.createRoom.allocateRoomId(newVersion.id);
    const tombstoneId =
      allocated === undefined ? undefined : await this.tombstone(requester, oldRoomId, allocated);
    const plan = planUpgrade({
      upgrader: requester.userId,
      oldState,
      oldRoomId,
      predecessorEventId: tombstoneId,
      newVersion,
      additionalCreators,
      upgraderProfile: await this.users.memberProfile(requester.userId),
    });
    // 2-4: the replacement room with the transferred state, and the local aliases moved to it.
    const { roomId: newRoomId } = await this.createRoom.create({
      creator: requester.userId,
      roomVersion: newVersion.id,
      roomId: allocated,
      createContent: plan.createContent,
      initialEvents: plan.initialEvents,
      alsoInTransaction: async (tx, roomId) => {
        await this.aliases.moveRoom(tx, oldRoomId, roomId);
        if ((await this.roomsTable.get(tx, oldRoomId))?.isPublic) {
          await this.roomsTable.setPublic(tx, roomId, true);
          await this.roomsTable.setPublic(tx, oldRoomId, false);
        }
      },
    });
    // 5. The tombstone.
    if (tombstoneId === undefined) await this.tombstone(requester, oldRoomId, newRoomId);
    // The aliases moved, so the old room's canonical alias would name another room's aliases.
    const oldCanonical = oldState.get(stateKey('m.room.canonical_alias', ''))?.pdu.content;
    if (oldCanonical && (oldCanonical.alias !== undefined || oldCanonical.alt_aliases !== undefined)) {
      const { alias: _alias, alt_aliases: _alt, ...rest } = oldCanonical;
      await this.ifAllowed(stateEvent('m.room.canonical_alias', '', rest), requester, oldRoomId);
    }
    // 6. "If possible": an upgrader who may send tombstones but not power levels leaves them as they are.
    await this.ifAllowed(
      stateEvent('m.room.power_levels', '', restrictedOldLevels(oldState)),
      requester,
      oldRoomId,
    );
    await this.userState.copy(requester.userId, oldRoomId, newRoomId);
    return newRoomId;
  }

  private async tombstone(requester: Requester, oldRoomId: string, newRoomId: string): Promise<string> {
    const event = stateEvent('m.room.tombstone', '', {
      body: 'This room has been replaced',
      replacement_room: newRoomId,
    });
    return (await this.send.send(oldRoomId, requester.userId, event)).eventId;
  }

  /** Sends an event the upgrader may lack the power for; then it is left out. */
  private async ifAllowed(event: EventTemplate, requester: Requester, roomId: string): Promise<void> {
    await this.send.send(roomId, requester.userId, event).catch((err: unknown) => {
      if (!(err instanceof MatrixError && err.errcode === 'M_FORBIDDEN')) throw err;
    });
  }
}
