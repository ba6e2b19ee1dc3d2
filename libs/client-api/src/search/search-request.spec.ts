import { MatrixError } from '@switchboard/protocol';
import { parseSearchBody, searchWords } from './search-request';
import { encodeSearchToken, parseSearchToken } from './search-token';

describe('POST /search request (client-server-api "Server Side Search")', () => {
  it('applies the defaults: every key, order_by rank, no context, no groups', () => {
    expect(parseSearchBody({ search_categories: { room_events: { search_term: 'cake' } } })).toEqual({
      searchTerm: 'cake',
      keys: ['content.body', 'content.name', 'content.topic'],
      filter: undefined,
      orderBy: 'rank',
      eventContext: undefined,
      includeState: false,
      groupBy: [],
    });
  });

  it('reads event_context with its default limits of 5', () => {
    const criteria = parseSearchBody({
      search_categories: { room_events: { search_term: 'x', event_context: { include_profile: true } } },
    });
    expect(criteria?.eventContext).toEqual({ beforeLimit: 5, afterLimit: 5, includeProfile: true });
  });

  it('is undefined without room_events, and refuses bad input with a Matrix error', () => {
    expect(parseSearchBody({ search_categories: {} })).toBeUndefined();
    for (const body of [
      {},
      { search_categories: { room_events: {} } },
      { search_categories: { room_events: { search_term: 'x', order_by: 'soon' } } },
      {
        search_categories: { room_events: { search_term: 'x', groupings: { group_by: [{ key: 'type' }] } } },
      },
    ]) {
      expect(() => parseSearchBody(body)).toThrow(MatrixError);
    }
  });

  it('splits a term into lower-cased words of letters and digits only', () => {
    expect(searchWords("Chocolate CAKE! it's & 42")).toEqual(['chocolate', 'cake', 'it', 's', '42']);
  });

  it("round-trips next_batch tokens of both orders and refuses the other order's", () => {
    expect(parseSearchToken(encodeSearchToken({ orderBy: 'rank', offset: 20 }), 'rank')).toEqual({
      orderBy: 'rank',
      offset: 20,
    });
    expect(parseSearchToken(encodeSearchToken({ orderBy: 'recent', before: 7 }), 'recent')).toEqual({
      orderBy: 'recent',
      before: 7,
    });
    expect(() => parseSearchToken('r5', 'recent')).toThrow(MatrixError);
  });
});
