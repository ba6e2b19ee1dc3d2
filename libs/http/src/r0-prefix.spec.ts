import { rewriteR0Prefix } from './r0-prefix';

describe('rewriteR0Prefix (changelog v1.1: endpoints re-versioned from r0 to v3)', () => {
  it('serves /_matrix/client/r0/... as /_matrix/client/v3/..., query kept', () => {
    expect(rewriteR0Prefix({ url: '/_matrix/client/r0/events?timeout=0' })).toBe(
      '/_matrix/client/v3/events?timeout=0',
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
