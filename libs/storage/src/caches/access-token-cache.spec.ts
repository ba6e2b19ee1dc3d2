import { AccessTokenOwner } from '../repositories/access-tokens.repository';
import { Queryable } from '../transactions';
import { AccessTokenCache } from './access-token-cache';

const owner = (over: Partial<AccessTokenOwner> = {}): AccessTokenOwner => ({
  tokenId: 1,
  userId: '@alice:test.local',
  deviceId: 'DEV',
  expiresTs: null,
  refreshTokenId: null,
  used: false,
  isGuest: false,
  deactivated: false,
  locked: false,
  suspended: false,
  lastSeenTs: null,
  ...over,
});
const HASH = Buffer.from('hash');
const pool = { query: async () => [] } as unknown as Queryable;

describe('AccessTokenCache', () => {
  it('answers a second lookup without loading', async () => {
    const cache = new AccessTokenCache();
    const load = jest.fn(async () => owner());
    await cache.lookup(HASH, load, 1000);
    expect(await cache.lookup(HASH, load, 2000)).toEqual(owner());
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('loads again after the time to live', async () => {
    const cache = new AccessTokenCache();
    const load = jest.fn(async () => owner());
    await cache.lookup(HASH, load, 1000);
    await cache.lookup(HASH, load, 1000 + 30_000);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('forgets everything on a revocation', async () => {
    const cache = new AccessTokenCache();
    const load = jest.fn(async () => owner());
    await cache.lookup(HASH, load);
    cache.revoke(pool);
    await cache.lookup(HASH, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('does not keep a row read while a revocation happened', async () => {
    const cache = new AccessTokenCache();
    await cache.lookup(HASH, async () => {
      cache.revoke(pool);
      return owner();
    });
    const load = jest.fn(async () => null);
    expect(await cache.lookup(HASH, load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('keeps neither unknown tokens nor refreshed tokens not yet used', async () => {
    const cache = new AccessTokenCache();
    const unknown = jest.fn(async () => null);
    await cache.lookup(HASH, unknown);
    await cache.lookup(HASH, unknown);
    expect(unknown).toHaveBeenCalledTimes(2);
    const fresh = jest.fn(async () => owner({ refreshTokenId: 7, used: false }));
    await cache.lookup(HASH, fresh);
    await cache.lookup(HASH, fresh);
    expect(fresh).toHaveBeenCalledTimes(2);
  });
});
