import { MatrixError } from '@switchboard/protocol';
import { AccessTokenCache, AccountsRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('AccountsRepository', (db) => {
  const accounts = new AccountsRepository(new AccessTokenCache());
  const q = () => db().dataSource.manager;
  const account = (userId: string) => ({
    userId,
    passwordHash: 'hash',
    admin: false,
    isGuest: false,
    userType: null,
    createdTs: 1700000000000,
  });

  it('creates an account and reads it back', async () => {
    await accounts.create(q(), { ...account('@alice:test.local'), isGuest: true, userType: 'bot' });
    expect(await accounts.find(q(), '@alice:test.local')).toEqual({
      ...account('@alice:test.local'),
      isGuest: true,
      userType: 'bot',
      deactivated: false,
      erased: false,
    });
    expect(await accounts.find(q(), '@nobody:test.local')).toBeNull();
  });

  it('refuses a taken user ID with M_USER_IN_USE', async () => {
    await accounts.create(q(), account('@bob:test.local'));
    await expect(accounts.create(q(), account('@bob:test.local'))).rejects.toMatchObject(
      new MatrixError('M_USER_IN_USE', 400, 'User ID already taken.'),
    );
  });

  it('finds accounts ignoring case', async () => {
    await accounts.create(q(), account('@carol:test.local'));
    expect((await accounts.findIgnoringCase(q(), '@CAROL:test.local')).map((a) => a.userId)).toEqual([
      '@carol:test.local',
    ]);
  });

  it('changes the password and deactivates, erasing the password only when asked', async () => {
    await accounts.create(q(), account('@dan:test.local'));
    await accounts.setPasswordHash(q(), '@dan:test.local', 'new');
    await accounts.deactivate(q(), '@dan:test.local', 5, false);
    expect(await accounts.find(q(), '@dan:test.local')).toEqual(
      expect.objectContaining({ passwordHash: 'new', deactivated: true, erased: false }),
    );
    await accounts.deactivate(q(), '@dan:test.local', 6, true);
    expect(await accounts.find(q(), '@dan:test.local')).toEqual(
      expect.objectContaining({ passwordHash: null, deactivated: true, erased: true }),
    );
  });

  it('names the erased accounts among many user IDs in one call', async () => {
    await accounts.create(q(), account('@erin:test.local'));
    await accounts.create(q(), account('@fay:test.local'));
    await accounts.deactivate(q(), '@erin:test.local', 7, true);
    const among = ['@erin:test.local', '@fay:test.local', '@remote:elsewhere'];
    expect(await accounts.erasedAmong(q(), among)).toEqual(new Set(['@erin:test.local']));
    expect(await accounts.erasedAmong(q(), [])).toEqual(new Set());
  });
});
