import { Injectable } from '@nestjs/common';
import {
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
  ) {}

  /**
   * The replacement room, the moved aliases and directory listing are written in one transaction;
   * the tombstone and the restricted power levels of the old room follow as events of their own.
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
    const plan = planUpgrade({
      upgrader: requester.userId,
      oldState,
      oldRoomId,
      newVersion,
      additionalCreators,
      upgraderProfile: await this.users.memberProfile(requester.userId),
    });
    // 2-4: the replacement room with the transferred state, and the local aliases moved to it.
    const { roomId: newRoomId } = await this.createRoom.create({
      creator: requester.userId,
      roomVersion: newVersion.id,
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
    await this.send.send(
      oldRoomId,
      requester.userId,
      stateEvent('m.room.tombstone', '', {
        body: 'This room has been replaced',
        replacement_room: newRoomId,
      }),
    );
    // 6. "If possible": an upgrader who may send tombstones but not power levels leaves them as they are.
    await this.send
      .send(oldRoomId, requester.userId, stateEvent('m.room.power_levels', '', restrictedOldLevels(oldState)))
      .catch((err: unknown) => {
        if (!(err instanceof MatrixError && err.errcode === 'M_FORBIDDEN')) throw err;
      });
    return newRoomId;
  }
}
