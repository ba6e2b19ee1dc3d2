import { Controller, Param, Query } from '@nestjs/common';
import { getThreadRoots, GetThreadRootsResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { optionalQueryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { enumQueryParam, integerQueryParam } from '../timeline/query-params';
import { ThreadsService } from './threads.service';

/** "Servers should apply a default value, and impose a maximum value": Synapse's 5, and a cap. */
const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 100;

@Controller()
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  /** GET /_matrix/client/v1/rooms/{roomId}/threads — client-server-api "Querying threads in a room"; 403. */
  @MatrixRoute(getThreadRoots)
  getThreadRoots(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Query() query: unknown,
  ): Promise<GetThreadRootsResponse> {
    return this.threads.roots(requester, roomId, {
      include: enumQueryParam(query, 'include', ['all', 'participated'] as const) ?? 'all',
      from: optionalQueryParam(query, 'from'),
      limit: Math.max(1, Math.min(integerQueryParam(query, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT)),
    });
  }
}
