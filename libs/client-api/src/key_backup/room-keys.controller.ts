import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  deleteRoomKeyBySessionId,
  deleteRoomKeys,
  deleteRoomKeysByRoomId,
  getRoomKeyBySessionId,
  getRoomKeys,
  getRoomKeysByRoomId,
  putRoomKeyBySessionId,
  putRoomKeys,
  putRoomKeysByRoomId,
  RoomKeysUpdateResponse,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, queryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { parseKeyBackupData, parseRoomKeyBackup, parseRoomsKeyBackup } from './key-backup-body';
import { RoomKeysAnswer, RoomKeysService } from './room-keys.service';

/**
 * The keys of a backup (client-server-api "Server-side key backups"): all of them, a room's, or
 * one session's, each route taking the backup `version` in the query string.
 */
@Controller()
export class RoomKeysController {
  constructor(private readonly keys: RoomKeysService) {}

  /** GET /_matrix/client/v3/room_keys/keys. */
  @MatrixRoute(getRoomKeys)
  getRoomKeys(@Requester() requester: Requester, @Query() query: unknown): Promise<RoomKeysAnswer> {
    return this.keys.get(requester.userId, queryParam(query, 'version'), {});
  }

  /** GET /_matrix/client/v3/room_keys/keys/{roomId} — `{"sessions": {}}` when there are none. */
  @MatrixRoute(getRoomKeysByRoomId)
  getRoomKeysByRoomId(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Query() query: unknown,
  ): Promise<RoomKeysAnswer> {
    return this.keys.get(requester.userId, queryParam(query, 'version'), { roomId });
  }

  /** GET /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId} — M_NOT_FOUND when there is none. */
  @MatrixRoute(getRoomKeyBySessionId)
  getRoomKeyBySessionId(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('sessionId') sessionId: string,
    @Query() query: unknown,
  ): Promise<RoomKeysAnswer> {
    return this.keys.get(requester.userId, queryParam(query, 'version'), { roomId, sessionId });
  }

  /** PUT /_matrix/client/v3/room_keys/keys. */
  @MatrixRoute(putRoomKeys)
  putRoomKeys(
    @Requester() requester: Requester,
    @Query() query: unknown,
    @Body() body: unknown,
  ): Promise<RoomKeysUpdateResponse> {
    const version = queryParam(query, 'version');
    return this.keys.put(requester.userId, version, parseRoomsKeyBackup(jsonObject(body)));
  }

  /** PUT /_matrix/client/v3/room_keys/keys/{roomId}. */
  @MatrixRoute(putRoomKeysByRoomId)
  putRoomKeysByRoomId(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Query() query: unknown,
    @Body() body: unknown,
  ): Promise<RoomKeysUpdateResponse> {
    const version = queryParam(query, 'version');
    return this.keys.put(requester.userId, version, parseRoomKeyBackup(jsonObject(body), roomId));
  }

  /** PUT /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}. */
  @MatrixRoute(putRoomKeyBySessionId)
  putRoomKeyBySessionId(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('sessionId') sessionId: string,
    @Query() query: unknown,
    @Body() body: unknown,
  ): Promise<RoomKeysUpdateResponse> {
    const version = queryParam(query, 'version');
    return this.keys.put(requester.userId, version, [
      parseKeyBackupData(jsonObject(body), roomId, sessionId),
    ]);
  }

  /** DELETE /_matrix/client/v3/room_keys/keys. */
  @MatrixRoute(deleteRoomKeys)
  deleteRoomKeys(
    @Requester() requester: Requester,
    @Query() query: unknown,
  ): Promise<RoomKeysUpdateResponse> {
    return this.keys.delete(requester.userId, queryParam(query, 'version'), {});
  }

  /** DELETE /_matrix/client/v3/room_keys/keys/{roomId}. */
  @MatrixRoute(deleteRoomKeysByRoomId)
  deleteRoomKeysByRoomId(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Query() query: unknown,
  ): Promise<RoomKeysUpdateResponse> {
    return this.keys.delete(requester.userId, queryParam(query, 'version'), { roomId });
  }

  /** DELETE /_matrix/client/v3/room_keys/keys/{roomId}/{sessionId}. */
  @MatrixRoute(deleteRoomKeyBySessionId)
  deleteRoomKeyBySessionId(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('sessionId') sessionId: string,
    @Query() query: unknown,
  ): Promise<RoomKeysUpdateResponse> {
    return this.keys.delete(requester.userId, queryParam(query, 'version'), { roomId, sessionId });
  }
}
