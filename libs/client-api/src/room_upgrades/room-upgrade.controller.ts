import { Body, Controller, Param } from '@nestjs/common';
import { isValidUserId, MatrixError, upgradeRoom } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { RoomUpgradeService } from './room-upgrade.service';

@Controller()
export class RoomUpgradeController {
  constructor(private readonly upgrades: RoomUpgradeService) {}

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/upgrade — client-server-api "Room upgrades"; 400
   * M_UNSUPPORTED_ROOM_VERSION, 403 M_FORBIDDEN without the power to send m.room.tombstone.
   */
  @MatrixRoute(upgradeRoom)
  async upgradeRoom(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<{ replacement_room: string }> {
    const request = jsonObject(body);
    const newVersion = stringField(request, 'new_version', { required: true });
    const creators = request.additional_creators ?? [];
    if (!Array.isArray(creators) || !creators.every((c) => typeof c === 'string' && isValidUserId(c))) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'additional_creators must be an array of user IDs');
    }
    return {
      replacement_room: await this.upgrades.upgrade(requester, roomId, newVersion, creators as string[]),
    };
  }
}
