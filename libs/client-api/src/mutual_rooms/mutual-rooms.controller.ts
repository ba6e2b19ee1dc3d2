import { Controller, Query } from '@nestjs/common';
import { getMutualRooms, MatrixError, MutualRoomsResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { isJsonObject, optionalQueryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { MutualRoomsService } from './mutual-rooms.service';

@Controller()
export class MutualRoomsController {
  constructor(private readonly mutualRooms: MutualRoomsService) {}

  /** GET /_matrix/client/v1/mutual_rooms — client-server-api "Mutual Rooms". */
  @MatrixRoute(getMutualRooms)
  getMutualRooms(@Requester() requester: Requester, @Query() query: unknown): Promise<MutualRoomsResponse> {
    // The spec answers a missing user_id with 400 M_INVALID_PARAM, not M_MISSING_PARAM.
    if (!isJsonObject(query) || query.user_id === undefined) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'user_id is required');
    }
    const userId = optionalQueryParam(query, 'user_id')!;
    return this.mutualRooms.mutualRooms(requester, userId, optionalQueryParam(query, 'from'));
  }
}
