import { encodeSyncToken, parseSyncToken } from './sync-token';

describe('sync tokens (ARCHITECTURE.md "State": opaque, a position per stream)', () => {
  it('round-trips any set of stream positions', () => {
    const cases = [
      new Map<string, number>(),
      new Map([['events', 0]]),
      new Map([
        ['events', 123456789],
        ['typing', 4],
        ['to_device', 17],
        ['account-data', Number.MAX_SAFE_INTEGER],
      ]),
    ];
    for (const positions of cases) expect(parseSyncToken(encodeSyncToken(positions))).toEqual(positions);
  });

  it('uses only URL-unreserved characters and does not depend on insertion order', () => {
    const a = encodeSyncToken(
      new Map([
        ['typing', 2],
        ['events', 1],
      ]),
    );
    const b = encodeSyncToken(
      new Map([
        ['events', 1],
        ['typing', 2],
      ]),
    );
    expect(a).toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9._~-]+$/);
    expect(encodeURIComponent(a)).toBe(a);
  });

  it.each([
    '',
    'x',
    'tevents.1',
    'sevents',
    'sevents.',
    'sevents.-1',
    'sevents.01',
    'sevents.1~events.2',
    'sEVENTS.1',
    's.1',
    'sevents.1~',
    'sevents.99999999999999999',
    'sevents.1.5',
  ])('rejects %j with 400 M_INVALID_PARAM', (token) => {
    expect(() => parseSyncToken(token)).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }),
    );
  });

  it('refuses to write a key or position it could not read back', () => {
    expect(() => encodeSyncToken(new Map([['Bad key', 1]]))).toThrow();
    expect(() => encodeSyncToken(new Map([['events', -1]]))).toThrow();
  });
});
