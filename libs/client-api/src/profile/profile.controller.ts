import { Body, Controller, Param } from '@nestjs/common';
import {
  deleteProfileField,
  getProfileField,
  getUserProfile,
  JsonObject,
  setProfileField,
  UserProfile,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { ProfilesService } from './profiles.service';

type Empty = Record<string, never>;

@Controller()
export class ProfileController {
  constructor(private readonly profiles: ProfilesService) {}

  /** GET /_matrix/client/v3/profile/{userId} — client-server-api "Profiles"; 404 M_NOT_FOUND. */
  @MatrixRoute(getUserProfile)
  getUserProfile(@Param('userId') userId: string): Promise<UserProfile> {
    return this.profiles.get(userId);
  }

  /** GET /_matrix/client/v3/profile/{userId}/{keyName} — client-server-api "Profiles"; 404 M_NOT_FOUND. */
  @MatrixRoute(getProfileField)
  getProfileField(@Param('userId') userId: string, @Param('keyName') keyName: string): Promise<JsonObject> {
    return this.profiles.getField(userId, keyName);
  }

  /** PUT /_matrix/client/v3/profile/{userId}/{keyName} — client-server-api "Profiles"; only your own. */
  @MatrixRoute(setProfileField)
  async setProfileField(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('keyName') keyName: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.profiles.setField(requester, userId, keyName, jsonObject(body) as JsonObject);
    return {};
  }

  /** DELETE /_matrix/client/v3/profile/{userId}/{keyName} — client-server-api "Profiles"; only your own. */
  @MatrixRoute(deleteProfileField)
  async deleteProfileField(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('keyName') keyName: string,
  ): Promise<Empty> {
    await this.profiles.deleteField(requester, userId, keyName);
    return {};
  }
}
