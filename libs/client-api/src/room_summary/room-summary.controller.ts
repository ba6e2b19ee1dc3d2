import { Controller, Param, Query } from '@nestjs/common';
import { getRoomSummary, MatrixError } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { isJsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { RoomSummaryResponse, RoomSummaryService } from './room-summary.service';

@Controller()
export class RoomSummaryController {
  constructor(private readonly summaries: RoomSummaryService) {}

  /** GET /_matrix/client/v1/room_summary/{roomIdOrAlias} — client-server-api "Room Summaries". */
  @MatrixRoute(getRoomSummary)
  getRoomSummary(
    @Requester() requester: Requester | undefined,
    @Param('roomIdOrAlias') roomIdOrAlias: string,
    @Query() query: unknown,
  ): Promise<RoomSummaryResponse> {
    return this.summaries.summary(requester, roomIdOrAlias, viaParam(query));
  }
}

/** `via`, given any number of times. */
function viaParam(query: unknown): string[] {
  const via = isJsonObject(query) ? query.via : undefined;
  if (via === undefined) return [];
  const list = Array.isArray(via) ? via : [via];
  if (!list.every((v): v is string => typeof v === 'string')) {
    throw new MatrixError('M_INVALID_PARAM', 400, 'via must be server names');
  }
  return list;
}
