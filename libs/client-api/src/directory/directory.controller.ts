import { Body, Controller, Param } from '@nestjs/common';
import { deleteRoomAlias, getLocalAliases, getRoomIdByAlias, setRoomAlias } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { RoomAliasesService } from './room-aliases.service';

type Empty = Record<string, never>;

@Controller()
export class DirectoryController {
  constructor(private readonly aliases: RoomAliasesService) {}

  /** PUT /_matrix/client/v3/directory/room/{roomAlias} — client-server-api "Room aliases"; 400 M_INVALID_PARAM, 409 M_UNKNOWN. */
  @MatrixRoute(setRoomAlias)
  async setRoomAlias(
    @Requester() requester: Requester,
    @Param('roomAlias') roomAlias: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const roomId = stringField(jsonObject(body), 'room_id', { required: true });
    await this.aliases.create(requester, roomAlias, roomId);
    return {};
  }

  /** GET /_matrix/client/v3/directory/room/{roomAlias} — client-server-api "Room aliases"; 404 M_NOT_FOUND. */
  @MatrixRoute(getRoomIdByAlias)
  getRoomIdByAlias(@Param('roomAlias') roomAlias: string): Promise<{ room_id: string; servers: string[] }> {
    return this.aliases.resolve(roomAlias);
  }

  /** DELETE /_matrix/client/v3/directory/room/{roomAlias} — client-server-api "Room aliases"; 404 M_NOT_FOUND. */
  @MatrixRoute(deleteRoomAlias)
  async deleteRoomAlias(
    @Requester() requester: Requester,
    @Param('roomAlias') roomAlias: string,
  ): Promise<Empty> {
    await this.aliases.delete(requester, roomAlias);
    return {};
  }

  /** GET /_matrix/client/v3/rooms/{roomId}/aliases — client-server-api "Room aliases"; 403 M_FORBIDDEN. */
  @MatrixRoute(getLocalAliases)
  async getLocalAliases(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
  ): Promise<{ aliases: string[] }> {
    return { aliases: await this.aliases.localAliases(requester, roomId) };
  }
}
