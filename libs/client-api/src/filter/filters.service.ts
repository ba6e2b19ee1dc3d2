import { Injectable } from '@nestjs/common';
import { Filter, MatrixError, parseFilter } from '@switchboard/protocol';
import { FiltersRepository, Transactions } from '@switchboard/storage';
import { jsonQueryParam } from '../timeline/query-params';

/** Stored filters, and the `filter` parameter of /sync and /messages (an ID or inline JSON). */
@Injectable()
export class FiltersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly filters: FiltersRepository,
  ) {}

  async define(requester: string, owner: string, body: unknown): Promise<string> {
    assertOwner(requester, owner, 'Cannot create filters for other users');
    const filter = parseFilter(body);
    return this.filters.insert(this.transactions.reader, owner, JSON.stringify(filter), Date.now());
  }

  async get(requester: string, owner: string, filterId: string): Promise<Filter> {
    assertOwner(requester, owner, 'Cannot get filters for other users');
    const json = await this.filters.get(this.transactions.reader, owner, filterId);
    if (json === null) throw new MatrixError('M_NOT_FOUND', 404, 'No such filter');
    return JSON.parse(json) as Filter;
  }

  /**
   * /sync's `filter`: "The server will detect whether it is an ID or a JSON object by whether the
   * first character is a `{` open brace." An unknown ID is a bad parameter of this request.
   */
  async resolve(userId: string, param: string | undefined): Promise<Filter> {
    if (param === undefined) return {};
    if (param.startsWith('{')) return parseFilter(jsonQueryParam(param, 'filter'));
    const json = await this.filters.get(this.transactions.reader, userId, param);
    if (json === null) throw new MatrixError('M_INVALID_PARAM', 400, `Unknown filter ${param}`);
    return JSON.parse(json) as Filter;
  }
}

function assertOwner(requester: string, owner: string, message: string): void {
  if (requester !== owner) throw new MatrixError('M_FORBIDDEN', 403, message);
}
