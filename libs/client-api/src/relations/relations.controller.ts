import { Controller, Param, Query } from '@nestjs/common';
import {
  getRelatingEvents,
  GetRelatingEventsResponse,
  getRelatingEventsWithRelType,
  getRelatingEventsWithRelTypeAndEventType,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { optionalQueryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { booleanQueryParam, enumQueryParam, integerQueryParam } from '../timeline/query-params';
import { RelationsQuery, RelationsService } from './relations.service';

/** "The server should apply a default value": Synapse's 5, and its cap. */
const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 1000;

@Controller()
export class RelationsController {
  constructor(private readonly relations: RelationsService) {}

  /** GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId} — client-server-api "Relationships"; 404. */
  @MatrixRoute(getRelatingEvents)
  getRelatingEvents(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Query() query: unknown,
  ): Promise<GetRelatingEventsResponse> {
    return this.relations.children(requester, roomId, eventId, pageQuery(query));
  }

  /** GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}: children of one relation type. */
  @MatrixRoute(getRelatingEventsWithRelType)
  getRelatingEventsWithRelType(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Param('relType') relType: string,
    @Query() query: unknown,
  ): Promise<GetRelatingEventsResponse> {
    return this.relations.children(requester, roomId, eventId, { ...pageQuery(query), relType });
  }

  /** GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}/{relType}/{eventType}: and of one event type. */
  @MatrixRoute(getRelatingEventsWithRelTypeAndEventType)
  getRelatingEventsWithRelTypeAndEventType(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Param('relType') relType: string,
    @Param('eventType') eventType: string,
    @Query() query: unknown,
  ): Promise<GetRelatingEventsResponse> {
    return this.relations.children(requester, roomId, eventId, { ...pageQuery(query), relType, eventType });
  }
}

function pageQuery(query: unknown): RelationsQuery {
  return {
    from: optionalQueryParam(query, 'from'),
    to: optionalQueryParam(query, 'to'),
    dir: enumQueryParam(query, 'dir', ['b', 'f'] as const) ?? 'b',
    limit: Math.max(1, Math.min(integerQueryParam(query, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT)),
    recurse: booleanQueryParam(query, 'recurse'),
  };
}
