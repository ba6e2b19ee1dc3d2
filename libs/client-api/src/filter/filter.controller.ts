import { Body, Controller, Param } from '@nestjs/common';
import { defineFilter, DefineFilterResponse, Filter, getFilter } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { FiltersService } from './filters.service';

@Controller()
export class FilterController {
  constructor(private readonly filters: FiltersService) {}

  /** POST /_matrix/client/v3/user/{userId}/filter — client-server-api "Filtering"; 403 for another user. */
  @MatrixRoute(defineFilter)
  async defineFilter(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<DefineFilterResponse> {
    return { filter_id: await this.filters.define(requester.userId, userId, jsonObject(body)) };
  }

  /** GET /_matrix/client/v3/user/{userId}/filter/{filterId} — client-server-api "Filtering"; 404 M_NOT_FOUND. */
  @MatrixRoute(getFilter)
  getFilter(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Param('filterId') filterId: string,
  ): Promise<Filter> {
    return this.filters.get(requester.userId, userId, filterId);
  }
}
