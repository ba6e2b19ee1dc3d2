import { rewriteEmptyStateKey } from './empty-state-key';

describe('rewriteEmptyStateKey (client-server-api: "the trailing slash on this endpoint is optional")', () => {
  it('drops the slash of an empty state key, keeping the query', () => {
    expect(rewriteEmptyStateKey({ url: '/_matrix/client/v3/rooms/!r:hs/state/m.room.name/' })).toBe(
      '/_matrix/client/v3/rooms/!r:hs/state/m.room.name',
    );
    expect(rewriteEmptyStateKey({ url: '/_matrix/client/v3/rooms/!r/state/m.room.name/?format=event' })).toBe(
      '/_matrix/client/v3/rooms/!r/state/m.room.name?format=event',
    );
  });

  it('leaves every other path alone', () => {
    for (const url of [
      '/_matrix/client/v3/rooms/!r/state/m.room.member/%40a%3Ahs',
      '/_matrix/client/v3/rooms/!r/state/m.room.name',
      '/_matrix/client/v3/rooms/!r/state/',
      '/_matrix/client/v3/rooms/!r/send/m.room.message/',
    ]) {
      expect(rewriteEmptyStateKey({ url })).toBe(url);
    }
  });
});
