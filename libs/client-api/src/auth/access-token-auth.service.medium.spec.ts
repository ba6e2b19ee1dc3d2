import {
  AccessTokenCache,
  AccessTokensRepository,
  AccountModerationRepository,
  AccountsRepository,
  DevicesRepository,
  Transactions,
} from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';
import { tokenHash } from '../accounts/tokens';
import { AccessTokenAuthService } from './access-token-auth.service';

describeWithAllDatabases('AccessTokenAuthService', (db) => {
  const tokens = new AccessTokensRepository(new AccessTokenCache());
  const devices = new DevicesRepository(new AccessTokenCache());
  const accounts = new AccountsRepository(new AccessTokenCache());
  const service = () =>
    new AccessTokenAuthService(new Transactions(db().dataSource), tokens, devices, new AccessTokenCache());
  const q = () => db().dataSource.manager;

  const userWithToken = async (
    localpart: string,
    token: string,
    expiresTs: number | null,
    refreshTokenId: number | null = null,
  ) => {
    const userId = `@${localpart}:test.local`;
    if (!(await accounts.find(q(), userId))) {
      await accounts.create(q(), {
        userId,
        passwordHash: null,
        admin: false,
        isGuest: false,
        userType: null,
        createdTs: 1,
      });
      await devices.createIfMissing(q(), { userId, deviceId: 'DEV', displayName: null, createdTs: 1 });
    }
    await tokens.insertAccessToken(q(), {
      hash: tokenHash(token),
      userId,
      deviceId: 'DEV',
      createdTs: 1,
      expiresTs,
      refreshTokenId,
    });
    return userId;
  };

  it('resolves a token to its owner and records where the device was seen', async () => {
    const userId = await userWithToken('alice', 'alice-token', null);
    expect(await service().authenticate('alice-token', '10.1.2.3')).toEqual({
      userId,
      deviceId: 'DEV',
      isGuest: false,
      accessTokenId: expect.any(Number),
      suspended: false,
    });
    expect(await devices.get(q(), userId, 'DEV')).toEqual(
      expect.objectContaining({ lastSeenIp: '10.1.2.3' }),
    );
  });

  it('an unknown token is M_UNKNOWN_TOKEN with soft_logout false', async () => {
    await expect(service().authenticate('nope', null)).rejects.toMatchObject({
      errcode: 'M_UNKNOWN_TOKEN',
      status: 401,
      extra: { soft_logout: false },
    });
  });

  it('"an expired access token" is M_UNKNOWN_TOKEN with soft_logout true', async () => {
    await userWithToken('bob', 'bob-token', Date.now() - 1);
    await expect(service().authenticate('bob-token', null)).rejects.toMatchObject({
      errcode: 'M_UNKNOWN_TOKEN',
      extra: { soft_logout: true },
    });
  });

  it("refuses a deactivated account's token", async () => {
    const userId = await userWithToken('carol', 'carol-token', null);
    await accounts.deactivate(q(), userId, 1, false);
    await expect(service().authenticate('carol-token', null)).rejects.toMatchObject({
      errcode: 'M_UNKNOWN_TOKEN',
      extra: { soft_logout: false },
    });
  });

  it('a locked account is M_USER_LOCKED with soft_logout true, unless allowed; a suspended one is flagged', async () => {
    const userId = await userWithToken('erin', 'erin-token', null);
    const moderation = new AccountModerationRepository(new AccessTokenCache());
    await moderation.set(q(), userId, 'locked', true);
    await expect(service().authenticate('erin-token', null)).rejects.toMatchObject({
      errcode: 'M_USER_LOCKED',
      status: 401,
      extra: { soft_logout: true },
    });
    await expect(service().authenticate('erin-token', null, null, true)).resolves.toMatchObject({ userId });
    await moderation.set(q(), userId, 'locked', false);
    await moderation.set(q(), userId, 'suspended', true);
    await expect(service().authenticate('erin-token', null)).resolves.toMatchObject({ suspended: true });
  });

  it('the first use of a refreshed access token revokes the refresh token that was exchanged for it', async () => {
    await userWithToken('dan', 'unused', null);
    const userId = '@dan:test.local';
    const old = await tokens.insertRefreshToken(q(), {
      hash: tokenHash('r-old'),
      userId,
      deviceId: 'DEV',
      createdTs: 1,
    });
    const next = await tokens.insertRefreshToken(q(), {
      hash: tokenHash('r-new'),
      userId,
      deviceId: 'DEV',
      createdTs: 2,
    });
    await tokens.setNextRefreshToken(q(), old, next);
    await userWithToken('dan', 'dan-token', Date.now() + 60_000, next);
    await service().authenticate('dan-token', null);
    await db().dataSource.transaction(async (tx) => {
      expect(await tokens.lockRefreshToken(tx, tokenHash('r-old'))).toBeNull();
      expect(await tokens.lockRefreshToken(tx, tokenHash('r-new'))).not.toBeNull();
    });
  });
});
