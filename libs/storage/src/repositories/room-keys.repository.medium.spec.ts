import {
  AccessTokenCache,
  AccountsRepository,
  RoomKeysRepository,
  RoomKeysVersionsRepository,
} from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('RoomKeysVersionsRepository and RoomKeysRepository', (db) => {
  const versions = new RoomKeysVersionsRepository();
  const keys = new RoomKeysRepository();
  const q = () => db().dataSource.manager;
  const USER = '@alice:test.local';
  const key = (roomId: string, sessionId: string, firstMessageIndex = 0) => ({
    roomId,
    sessionId,
    firstMessageIndex,
    forwardedCount: 0,
    isVerified: false,
    sessionData: { ciphertext: `${roomId}/${sessionId}` },
  });

  beforeAll(async () => {
    await new AccountsRepository(new AccessTokenCache()).create(q(), {
      userId: USER,
      passwordHash: null,
      admin: false,
      isGuest: false,
      userType: null,
      createdTs: 1,
    });
  });

  it('numbers versions per user, never reusing a deleted one, and keeps opaque auth_data', async () => {
    const one = await db().dataSource.transaction((tx) => versions.create(tx, USER, 'alg', 'opaque'));
    const two = await db().dataSource.transaction((tx) => versions.create(tx, USER, 'alg', { k: 1 }));
    expect([one, two]).toEqual([1, 2]);
    expect((await versions.current(q(), USER))?.authData).toEqual({ k: 1 });
    await db().dataSource.transaction((tx) => versions.delete(tx, USER, two));
    expect((await versions.current(q(), USER))?.version).toBe(one);
    expect((await versions.get(q(), USER, two))?.deleted).toBe(true);
    expect(await db().dataSource.transaction((tx) => versions.create(tx, USER, 'alg', 'x'))).toBe(3);
    await versions.setAuthData(q(), USER, one, ['changed']);
    expect(await versions.get(q(), USER, one)).toEqual({
      version: one,
      algorithm: 'alg',
      authData: ['changed'],
      etag: 0,
      deleted: false,
    });
    expect(await versions.get(q(), USER, 99)).toBeNull();
  });

  it('stores, replaces, lists by scope, counts and deletes keys; deleting a version deletes them', async () => {
    const v = await db().dataSource.transaction((tx) => versions.create(tx, USER, 'alg', {}));
    await db().dataSource.transaction((tx) =>
      keys.upsert(tx, USER, v, [key('!a', 's1'), key('!a', 's2'), key('!b', 's1')]),
    );
    await db().dataSource.transaction((tx) => keys.upsert(tx, USER, v, [key('!a', 's1', 5)]));
    expect(await keys.count(q(), USER, v)).toBe(3);
    expect((await keys.list(q(), USER, v, { roomId: '!a', sessionId: 's1' }))[0].firstMessageIndex).toBe(5);
    expect((await keys.list(q(), USER, v, { roomId: '!a' })).map((k) => k.sessionId)).toEqual(['s1', 's2']);
    expect(
      (
        await keys.find(q(), USER, v, [
          { roomId: '!b', sessionId: 's1' },
          { roomId: '!b', sessionId: 'x' },
        ])
      ).map((k) => k.sessionData),
    ).toEqual([{ ciphertext: '!b/s1' }]);
    expect(await db().dataSource.transaction((tx) => keys.delete(tx, USER, v, { roomId: '!a' }))).toBe(2);
    expect(await db().dataSource.transaction((tx) => versions.bumpEtag(tx, USER, v))).toBe(1);
    await db().dataSource.transaction((tx) => versions.delete(tx, USER, v));
    expect(await keys.count(q(), USER, v)).toBe(0);
  });
});
