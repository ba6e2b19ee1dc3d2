import { Body, Controller, Param } from '@nestjs/common';
import {
  deleteRoomTag,
  getRoomTags,
  GetRoomTagsResponse,
  JsonObject,
  setRoomTag,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { TagsService } from './tags.service';

type Empty = Record<string, never>;

@Controller()
export class TagsController {
  constructor(private readonly tags: TagsService) {}

  /** GET /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags — client-server-api "Room Tagging". */
  @MatrixRoute(getRoomTags)
  async getRoomTags(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('roomId') roomId: string,
  ): Promise<GetRoomTagsResponse> {
    return { tags: await this.tags.list(requester, userId, roomId) };
  }

  /** PUT /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag} — client-server-api "Room Tagging". */
  @MatrixRoute(setRoomTag)
  async setRoomTag(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('roomId') roomId: string,
    @Param('tag') tag: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.tags.set(requester, userId, roomId, tag, jsonObject(body) as JsonObject);
    return {};
  }

  /** DELETE /_matrix/client/v3/user/{userId}/rooms/{roomId}/tags/{tag} — client-server-api "Room Tagging". */
  @MatrixRoute(deleteRoomTag)
  async deleteRoomTag(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('roomId') roomId: string,
    @Param('tag') tag: string,
  ): Promise<Empty> {
    await this.tags.remove(requester, userId, roomId, tag);
    return {};
  }
}
