import { Body, Controller, Query } from '@nestjs/common';
import {
  federationGetPublicRooms,
  federationQueryPublicRooms,
  JsonObject,
  MatrixError,
  queryProfile,
  queryRoomDirectory,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { ResolvedAlias } from '@switchboard/rooms';
import { LocalQueries } from './local-queries.service';

@Controller()
export class QueryController {
  constructor(private readonly queries: LocalQueries) {}

  /** GET /_matrix/federation/v1/query/directory — server-server-api "Querying for information". */
  @MatrixRoute(queryRoomDirectory)
  queryRoomDirectory(@Query('room_alias') alias: unknown): Promise<ResolvedAlias> {
    return this.queries.directory(requiredString(alias, 'room_alias'));
  }

  /** GET /_matrix/federation/v1/query/profile — server-server-api "Querying for information". */
  @MatrixRoute(queryProfile)
  queryProfile(@Query('user_id') userId: unknown, @Query('field') field: unknown): Promise<JsonObject> {
    if (field !== undefined && field !== 'displayname' && field !== 'avatar_url') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'field must be displayname or avatar_url');
    }
    return this.queries.profile(requiredString(userId, 'user_id'), field);
  }

  /** GET /_matrix/federation/v1/publicRooms — server-server-api "Public Room Directory". */
  @MatrixRoute(federationGetPublicRooms)
  getPublicRooms(@Query('limit') limit: unknown, @Query('since') since: unknown): Promise<object> {
    if (limit !== undefined && (typeof limit !== 'string' || !/^\d+$/.test(limit))) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'limit must be an integer');
    }
    return this.queries.publicRooms({
      limit: limit === undefined ? undefined : Number(limit),
      since: typeof since === 'string' ? since : undefined,
    });
  }

  /** POST /_matrix/federation/v1/publicRooms — server-server-api "Public Room Directory", with a filter. */
  @MatrixRoute(federationQueryPublicRooms)
  queryPublicRooms(@Body() body: unknown): Promise<object> {
    const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const filter = (
      typeof request.filter === 'object' && request.filter !== null ? request.filter : {}
    ) as Record<string, unknown>;
    if (request.limit !== undefined && typeof request.limit !== 'number') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'limit must be an integer');
    }
    return this.queries.publicRooms({
      limit: request.limit as number | undefined,
      since: typeof request.since === 'string' ? request.since : undefined,
      genericSearchTerm:
        typeof filter.generic_search_term === 'string' ? filter.generic_search_term : undefined,
      roomTypes: Array.isArray(filter.room_types) ? (filter.room_types as (string | null)[]) : undefined,
    });
  }
}

function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string') throw new MatrixError('M_MISSING_PARAM', 400, `${name} is required`);
  return value;
}
