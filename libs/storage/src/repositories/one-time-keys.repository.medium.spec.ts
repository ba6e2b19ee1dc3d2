import {
  AccessTokenCache,
  AccountsRepository,
  DevicesRepository,
  OneTimeKeysRepository,
} from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('OneTimeKeysRepository', (db) => {
  const keys = new OneTimeKeysRepository();
  const q = () => db().dataSource.manager;
  const tx = <T>(work: (t: ReturnType<typeof q>) => Promise<T>) => db().dataSource.transaction(work);
  const USER = '@alice:test.local';

  beforeAll(async () => {
    await new AccountsRepository(new AccessTokenCache()).create(q(), {
      userId: USER,
      passwordHash: null,
      admin: false,
      isGuest: false,
      userType: null,
      createdTs: 1,
    });
    await new DevicesRepository(new AccessTokenCache()).createIfMissing(q(), {
      userId: USER,
      deviceId: 'D',
      displayName: null,
      createdTs: 1,
    });
  });

  it('hands out one-time keys once, oldest upload first, then the fallback key again and again', async () => {
    await tx((t) => keys.insert(t, USER, 'D', [{ algorithm: 'alg', keyId: 'old', key: 'k-old' }]));
    await tx((t) =>
      keys.insert(t, USER, 'D', [
        { algorithm: 'alg', keyId: 'new', key: { key: 'k-new', signatures: {} } },
        { algorithm: 'other', keyId: 'x', key: 'k-x' },
      ]),
    );
    expect(await keys.counts(q(), USER, 'D')).toEqual({ alg: 2, other: 1 });
    expect(await keys.existing(q(), USER, 'D', [{ algorithm: 'alg', keyId: 'new' }])).toEqual([
      { algorithm: 'alg', keyId: 'new', key: { key: 'k-new', signatures: {} } },
    ]);
    await tx((t) => keys.setFallback(t, USER, 'D', { algorithm: 'alg', keyId: 'fb', key: 'k-fb' }));
    expect(await keys.unusedFallbackAlgorithms(q(), USER, 'D')).toEqual(['alg']);
    const claim = () => tx((t) => keys.claimForDevices(t, new Map([[USER, new Map([['D', 'alg']])]])));
    expect(await claim()).toEqual({ [USER]: { D: { 'alg:old': 'k-old' } } });
    expect(await claim()).toEqual({ [USER]: { D: { 'alg:new': { key: 'k-new', signatures: {} } } } });
    expect(await claim()).toEqual({ [USER]: { D: { 'alg:fb': 'k-fb' } } });
    expect(await claim()).toEqual({ [USER]: { D: { 'alg:fb': 'k-fb' } } });
    expect(await keys.unusedFallbackAlgorithms(q(), USER, 'D')).toEqual([]);
    // The same fallback key again stays used; a new one is unused.
    await tx((t) => keys.setFallback(t, USER, 'D', { algorithm: 'alg', keyId: 'fb', key: 'k-fb' }));
    expect(await keys.unusedFallbackAlgorithms(q(), USER, 'D')).toEqual([]);
    await tx((t) => keys.setFallback(t, USER, 'D', { algorithm: 'alg', keyId: 'fb2', key: 'k-fb2' }));
    expect(await keys.unusedFallbackAlgorithms(q(), USER, 'D')).toEqual(['alg']);
    expect(await keys.counts(q(), USER, 'D')).toEqual({ other: 1 });
  });
});
