import { createHash } from 'node:crypto';
import {
  AccessTokenCache,
  AccessTokensRepository,
  AccountsRepository,
  DevicesRepository,
} from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('AccessTokensRepository', (db) => {
  const tokens = new AccessTokensRepository(new AccessTokenCache());
  const devices = new DevicesRepository(new AccessTokenCache());
  const q = () => db().dataSource.manager;
  const USER = '@alice:test.local';
  const hash = (token: string) => createHash('sha256').update(token).digest();
  const access = (token: string, deviceId: string, refreshTokenId: number | null = null) =>
    tokens.insertAccessToken(q(), {
      hash: hash(token),
      userId: USER,
      deviceId,
      createdTs: 1,
      expiresTs: refreshTokenId === null ? null : 1000,
      refreshTokenId,
    });

  beforeAll(async () => {
    await new AccountsRepository(new AccessTokenCache()).create(q(), {
      userId: USER,
      passwordHash: null,
      admin: false,
      isGuest: true,
      userType: null,
      createdTs: 1,
    });
    for (const deviceId of ['A', 'B'])
      await devices.createIfMissing(q(), { userId: USER, deviceId, displayName: null, createdTs: 1 });
  });

  it('finds a token by its hash, with its owner', async () => {
    await access('token-a', 'A');
    expect(await tokens.findAccessToken(q(), hash('token-a'))).toEqual({
      tokenId: expect.any(Number),
      userId: USER,
      deviceId: 'A',
      expiresTs: null,
      refreshTokenId: null,
      used: false,
      isGuest: true,
      deactivated: false,
      locked: false,
      suspended: false,
      lastSeenTs: null,
    });
    expect(await tokens.findAccessToken(q(), hash('token-x'))).toBeNull();
  });

  it("deleting a device deletes its tokens; deleteForDevice empties a device's tokens", async () => {
    await access('token-b', 'B');
    await devices.delete(q(), USER, ['B']);
    expect(await tokens.findAccessToken(q(), hash('token-b'))).toBeNull();
    await tokens.deleteForDevice(q(), USER, 'A');
    expect(await tokens.findAccessToken(q(), hash('token-a'))).toBeNull();
  });

  it('chains refresh tokens: using a successor revokes its predecessor', async () => {
    const first = await tokens.insertRefreshToken(q(), {
      hash: hash('r1'),
      userId: USER,
      deviceId: 'A',
      createdTs: 1,
    });
    const second = await tokens.insertRefreshToken(q(), {
      hash: hash('r2'),
      userId: USER,
      deviceId: 'A',
      createdTs: 2,
    });
    await tokens.setNextRefreshToken(q(), first, second);
    await access('a2', 'A', second);
    await db().dataSource.transaction(async (tx) => {
      expect(await tokens.lockRefreshToken(tx, hash('r1'))).toEqual({
        id: first,
        userId: USER,
        deviceId: 'A',
        nextTokenId: second,
      });
    });
    const owner = await tokens.findAccessToken(q(), hash('a2'));
    await tokens.markUsed(q(), owner!.tokenId, second);
    expect((await tokens.findAccessToken(q(), hash('a2')))!.used).toBe(true);
    await db().dataSource.transaction(async (tx) => {
      expect(await tokens.lockRefreshToken(tx, hash('r1'))).toBeNull();
    });
    // Deleting a refresh token takes the access tokens it issued with it.
    await tokens.deleteRefreshToken(q(), second);
    expect(await tokens.findAccessToken(q(), hash('a2'))).toBeNull();
  });
});
