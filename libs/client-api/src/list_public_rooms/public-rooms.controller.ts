import { Body, Controller, Param, Query } from '@nestjs/common';
import {
  getPublicRooms,
  getRoomVisibilityOnDirectory,
  MatrixError,
  queryPublicRooms,
  setRoomVisibilityOnDirectory,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, objectField, optionalQueryParam, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { publicRoomsNetwork } from './public-rooms-network';
import { PublicRoomsResponse, PublicRoomsService } from './public-rooms.service';

type Empty = Record<string, never>;

@Controller()
export class PublicRoomsController {
  constructor(private readonly directory: PublicRoomsService) {}

  /** GET /_matrix/client/v3/directory/list/room/{roomId} — client-server-api "Published room directory"; 404 M_NOT_FOUND. */
  @MatrixRoute(getRoomVisibilityOnDirectory)
  async getRoomVisibilityOnDirectory(@Param('roomId') roomId: string): Promise<{ visibility: string }> {
    return { visibility: await this.directory.visibility(roomId) };
  }

  /** PUT /_matrix/client/v3/directory/list/room/{roomId} — client-server-api "Published room directory"; 403, 404. */
  @MatrixRoute(setRoomVisibilityOnDirectory)
  async setRoomVisibilityOnDirectory(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const visibility = stringField(jsonObject(body, { orEmpty: true }), 'visibility') ?? 'public';
    await this.directory.setVisibility(requester, roomId, visibility);
    return {};
  }

  /** GET /_matrix/client/v3/publicRooms — client-server-api "Published room directory". */
  @MatrixRoute(getPublicRooms)
  getPublicRooms(@Query() query: unknown): Promise<PublicRoomsResponse> {
    const limit = optionalQueryParam(query, 'limit');
    if (limit !== undefined && !/^\d+$/.test(limit))
      throw new MatrixError('M_INVALID_PARAM', 400, 'limit must be an integer');
    return this.directory.list({
      limit: limit === undefined ? undefined : Number(limit),
      since: optionalQueryParam(query, 'since'),
      server: optionalQueryParam(query, 'server'),
      network: publicRoomsNetwork(
        optionalQueryParam(query, 'include_all_networks'),
        optionalQueryParam(query, 'third_party_instance_id'),
      ),
    });
  }

  /** POST /_matrix/client/v3/publicRooms — client-server-api "Published room directory", with a filter. */
  @MatrixRoute(queryPublicRooms)
  queryPublicRooms(@Query() query: unknown, @Body() body: unknown): Promise<PublicRoomsResponse> {
    const request = jsonObject(body, { orEmpty: true });
    const filter = objectField(request, 'filter') ?? {};
    const limit = request.limit ?? undefined;
    if (limit !== undefined && typeof limit !== 'number')
      throw new MatrixError('M_INVALID_PARAM', 400, 'limit must be an integer');
    const roomTypes = filter.room_types ?? undefined;
    if (
      roomTypes !== undefined &&
      !(Array.isArray(roomTypes) && roomTypes.every((t) => t === null || typeof t === 'string'))
    ) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'room_types must be an array of strings and nulls');
    }
    return this.directory.list({
      limit,
      since: stringField(request, 'since'),
      server: optionalQueryParam(query, 'server'),
      genericSearchTerm: stringField(filter, 'generic_search_term'),
      roomTypes: roomTypes as (string | null)[] | undefined,
      network: publicRoomsNetwork(request.include_all_networks, request.third_party_instance_id),
    });
  }
}
