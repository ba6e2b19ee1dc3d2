import { Controller, Param, Query } from '@nestjs/common';
import { JsonObject, roomInitialSync } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { integerQueryParam } from '../timeline/query-params';
import { RoomInitialSyncService } from './room-initial-sync.service';

@Controller()
export class RoomInitialSyncController {
  constructor(private readonly initialSync: RoomInitialSyncService) {}

  /** GET /_matrix/client/v3/rooms/{roomId}/initialSync — client-server-api "Room Previews" and old_sync. */
  @MatrixRoute(roomInitialSync)
  roomInitialSync(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Query() query: unknown,
  ): Promise<JsonObject> {
    return this.initialSync.roomInitialSync(requester, roomId, integerQueryParam(query, 'limit'));
  }
}
