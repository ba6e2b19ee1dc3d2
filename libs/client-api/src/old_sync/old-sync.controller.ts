import { Controller, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { getEvents, initialSync } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { optionalQueryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { booleanQueryParam, integerQueryParam } from '../timeline/query-params';
import { EventStreamChunk, EventStreamService } from './event-stream.service';
import { InitialSyncBody, InitialSyncService } from './initial-sync.service';

/** The deprecated sync API of r0 (old_sync, peeking_events), kept for the clients that still use it. */
@Controller()
export class OldSyncController {
  constructor(
    private readonly stream: EventStreamService,
    private readonly initial: InitialSyncService,
  ) {}

  /** GET /_matrix/client/v3/events — "This will listen for new events [...] until the `timeout` is reached"; 400 for a bad `from`. */
  @MatrixRoute(getEvents)
  async events(
    @Requester() requester: Requester,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EventStreamChunk> {
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    return this.stream.events(
      requester,
      optionalQueryParam(query, 'from'),
      integerQueryParam(query, 'timeout') ?? 0,
      optionalQueryParam(query, 'room_id'),
      gone.signal,
    );
  }

  /** GET /_matrix/client/v3/initialSync — "the full state for this user, with an optional limit on the number of messages per room". */
  @MatrixRoute(initialSync)
  async initialSync(@Requester() requester: Requester, @Query() query: unknown): Promise<InitialSyncBody> {
    return this.initial.initialSync(
      requester,
      integerQueryParam(query, 'limit'),
      booleanQueryParam(query, 'archived') ?? false,
    );
  }
}
