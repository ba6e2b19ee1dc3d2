import { Controller, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { sync } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { optionalQueryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { FiltersService } from '../filter/filters.service';
import { SyncBody } from './sync-stream';
import { booleanQueryParam, enumQueryParam, integerQueryParam } from '../timeline/query-params';
import { parseSyncToken } from './sync-token';
import { SyncService } from './sync.service';

@Controller()
export class SyncController {
  constructor(
    private readonly syncs: SyncService,
    private readonly filters: FiltersService,
  ) {}

  /**
   * GET /_matrix/client/v3/sync — client-server-api "Syncing". Without `since`, a snapshot; with
   * it, what changed, waiting up to `timeout` ms for something to happen. A client that goes away
   * ends its long-poll.
   */
  @MatrixRoute(sync)
  async sync(
    @Requester() requester: Requester,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SyncBody> {
    const since = optionalQueryParam(query, 'since');
    const timeout = integerQueryParam(query, 'timeout') ?? 0;
    const request = {
      userId: requester.userId,
      deviceId: requester.deviceId,
      since: since === undefined ? undefined : parseSyncToken(since),
      fullState: booleanQueryParam(query, 'full_state') ?? false,
      useStateAfter: booleanQueryParam(query, 'use_state_after') ?? false,
      setPresence: enumQueryParam(query, 'set_presence', ['online', 'offline', 'unavailable'] as const),
      filter: await this.filters.resolve(requester.userId, optionalQueryParam(query, 'filter')),
    };
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    return this.syncs.sync(request, timeout, gone.signal);
  }
}
