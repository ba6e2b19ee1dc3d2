import { Body, Controller, Query } from '@nestjs/common';
import { search, SearchResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, optionalQueryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { parseSearchBody } from './search-request';
import { SearchService } from './search.service';

@Controller()
export class SearchController {
  constructor(private readonly searches: SearchService) {}

  /** POST /_matrix/client/v3/search — client-server-api "Server Side Search"; 400 for a bad request. */
  @MatrixRoute(search)
  async search(
    @Requester() requester: Requester,
    @Query() query: unknown,
    @Body() body: unknown,
  ): Promise<SearchResponse> {
    const criteria = parseSearchBody(jsonObject(body));
    const nextBatch = optionalQueryParam(query, 'next_batch');
    if (!criteria) return { search_categories: {} };
    return {
      search_categories: { room_events: await this.searches.roomEvents(requester, criteria, nextBatch) },
    };
  }
}
