import { rewriteR0Prefix } from './r0-prefix';

describe('rewriteR0Prefix (changelog v1.1: endpoints re-versioned from r0 to v3)', () => {
  it('serves /_matrix/client/r0/... as /_matrix/client/v3/..., query kept', () => {
    expect(rewriteR0Prefix({ url: '/_matrix/client/r0/events?timeout=0' })).toBe(
      '/_matrix/client/v3/events?timeout=0',
    );
  });

  it('serves the cross-signing uploads of /_matrix/client/unstable as v3 (MSC1756)', () => {
    expect(rewriteR0Prefix({ url: '/_matrix/client/unstable/keys/signatures/upload?x=1' })).toBe(
      '/_matrix/client/v3/keys/signatures/upload?x=1',
    );
    expect(rewriteR0Prefix({ url: '/_matrix/client/unstable/keys/query' })).toBe(
      '/_matrix/client/unstable/keys/query',
    );
  });

  it('leaves every other path alone', () => {
    for (const url of [
      '/_matrix/client/v3/sync',
      '/_matrix/client/r0',
      '/_matrix/federation/r0/x',
      '/r0/events',
    ]) {
      expect(rewriteR0Prefix({ url })).toBe(url);
    }
  });
});
