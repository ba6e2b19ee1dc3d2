import { Body, Controller, Param } from '@nestjs/common';
import {
  deleteRoomKeysVersion,
  getRoomKeysVersion,
  getRoomKeysVersionCurrent,
  MatrixError,
  postRoomKeysVersion,
  putRoomKeysVersion,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, JsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { BackupVersionInfo, KeyBackupVersionsService } from './key-backup-versions.service';

type Empty = Record<string, never>;

@Controller()
export class KeyBackupVersionsController {
  constructor(private readonly versions: KeyBackupVersionsService) {}

  /** POST /_matrix/client/v3/room_keys/version — client-server-api "Server-side key backups". */
  @MatrixRoute(postRoomKeysVersion)
  async postRoomKeysVersion(
    @Requester() requester: Requester,
    @Body() body: unknown,
  ): Promise<{ version: string }> {
    const { algorithm, authData } = backupConfiguration(jsonObject(body));
    return { version: await this.versions.create(requester.userId, algorithm, authData) };
  }

  /** GET /_matrix/client/v3/room_keys/version — the latest backup version. */
  @MatrixRoute(getRoomKeysVersionCurrent)
  getRoomKeysVersionCurrent(@Requester() requester: Requester): Promise<BackupVersionInfo> {
    return this.versions.current(requester.userId);
  }

  /** GET /_matrix/client/v3/room_keys/version/{version}. */
  @MatrixRoute(getRoomKeysVersion)
  getRoomKeysVersion(
    @Requester() requester: Requester,
    @Param('version') version: string,
  ): Promise<BackupVersionInfo> {
    return this.versions.get(requester.userId, version);
  }

  /** PUT /_matrix/client/v3/room_keys/version/{version} — "Only `auth_data` can be modified." */
  @MatrixRoute(putRoomKeysVersion)
  async putRoomKeysVersion(
    @Requester() requester: Requester,
    @Param('version') version: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const json = jsonObject(body);
    const { algorithm, authData } = backupConfiguration(json);
    await this.versions.update(requester.userId, version, {
      algorithm,
      authData,
      version: stringField(json, 'version'),
    });
    return {};
  }

  /** DELETE /_matrix/client/v3/room_keys/version/{version} — the backup and all its keys. */
  @MatrixRoute(deleteRoomKeysVersion)
  async deleteRoomKeysVersion(
    @Requester() requester: Requester,
    @Param('version') version: string,
  ): Promise<Empty> {
    await this.versions.delete(requester.userId, version);
    return {};
  }
}

/**
 * `algorithm` and `auth_data` of a backup. "Algorithm-dependent data": auth_data is kept as given
 * (Synapse does the same; SyTest stores plain strings), only its presence is required.
 */
function backupConfiguration(body: JsonObject): { algorithm: string; authData: unknown } {
  const algorithm = stringField(body, 'algorithm', { required: true });
  const authData = body.auth_data ?? undefined;
  if (authData === undefined) throw new MatrixError('M_MISSING_PARAM', 400, 'Missing parameter: auth_data');
  return { algorithm, authData };
}
