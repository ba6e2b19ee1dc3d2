import { Body, Controller, Param } from '@nestjs/common';
import {
  claimUserEncryptionKeys,
  getUserDevices,
  JsonObject,
  MatrixError,
  queryUserEncryptionKeys,
  UserDevicesResponse,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { LocalUserKeys } from './local-user-keys.service';

@Controller()
export class UserKeysController {
  constructor(private readonly keys: LocalUserKeys) {}

  /** GET /_matrix/federation/v1/user/devices/{userId} — server-server-api "Device Management". */
  @MatrixRoute(getUserDevices)
  getUserDevices(@Param('userId') userId: string): Promise<UserDevicesResponse> {
    return this.keys.devices(userId);
  }

  /** POST /_matrix/federation/v1/user/keys/query — server-server-api "End-to-End Encryption". */
  @MatrixRoute(queryUserEncryptionKeys)
  queryUserEncryptionKeys(@Body() body: unknown): Promise<JsonObject> {
    return this.keys.query(bodyObject(body));
  }

  /** POST /_matrix/federation/v1/user/keys/claim — server-server-api "End-to-End Encryption". */
  @MatrixRoute(claimUserEncryptionKeys)
  claimUserEncryptionKeys(@Body() body: unknown): Promise<JsonObject> {
    return this.keys.claim(bodyObject(body));
  }
}

function bodyObject(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new MatrixError('M_BAD_JSON', 400, 'Content must be a JSON object.');
  return body as JsonObject;
}
