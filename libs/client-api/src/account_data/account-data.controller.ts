import { Body, Controller, Param } from '@nestjs/common';
import {
  getAccountData,
  getAccountDataPerRoom,
  JsonObject,
  setAccountData,
  setAccountDataPerRoom,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { AccountDataService } from './account-data.service';

type Empty = Record<string, never>;

@Controller()
export class AccountDataController {
  constructor(private readonly accountData: AccountDataService) {}

  /** GET /_matrix/client/v3/user/{userId}/account_data/{type} — client-server-api "Client Config". */
  @MatrixRoute(getAccountData)
  getAccountData(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('type') type: string,
  ): Promise<JsonObject> {
    return this.accountData.get(requester, userId, null, type);
  }

  /** PUT /_matrix/client/v3/user/{userId}/account_data/{type} — client-server-api "Client Config". */
  @MatrixRoute(setAccountData)
  async setAccountData(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('type') type: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.accountData.set(requester, userId, null, type, jsonObject(body) as JsonObject);
    return {};
  }

  /** GET /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type} — client-server-api "Client Config". */
  @MatrixRoute(getAccountDataPerRoom)
  getAccountDataPerRoom(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('roomId') roomId: string,
    @Param('type') type: string,
  ): Promise<JsonObject> {
    return this.accountData.get(requester, userId, roomId, type);
  }

  /** PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/account_data/{type} — client-server-api "Client Config". */
  @MatrixRoute(setAccountDataPerRoom)
  async setAccountDataPerRoom(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('roomId') roomId: string,
    @Param('type') type: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.accountData.set(requester, userId, roomId, type, jsonObject(body) as JsonObject);
    return {};
  }
}
