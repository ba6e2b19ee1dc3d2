import { AccessTokenCache, AccountsRepository, DevicesRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('DevicesRepository', (db) => {
  const devices = new DevicesRepository(new AccessTokenCache());
  const q = () => db().dataSource.manager;
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
  });

  it('creates a device once, renames it and records where it was last seen', async () => {
    expect(
      await devices.createIfMissing(q(), {
        userId: USER,
        deviceId: 'A',
        displayName: 'Phone',
        createdTs: 10,
      }),
    ).toBe(true);
    expect(
      await devices.createIfMissing(q(), {
        userId: USER,
        deviceId: 'A',
        displayName: 'Other',
        createdTs: 11,
      }),
    ).toBe(false);
    expect(await devices.setDisplayName(q(), USER, 'A', 'Renamed')).toBe(true);
    expect(await devices.setDisplayName(q(), USER, 'NOPE', 'x')).toBe(false);
    await devices.touch(q(), USER, 'A', 20, '10.0.0.1', 'Element/1.0');
    expect(await devices.get(q(), USER, 'A')).toEqual({
      userId: USER,
      deviceId: 'A',
      displayName: 'Renamed',
      lastSeenTs: 20,
      lastSeenIp: '10.0.0.1',
      lastSeenUserAgent: 'Element/1.0',
      createdTs: 10,
    });
  });

  it('deletes some devices, or all but one', async () => {
    for (const deviceId of ['B', 'C', 'D']) {
      await devices.createIfMissing(q(), { userId: USER, deviceId, displayName: null, createdTs: 1 });
    }
    await devices.delete(q(), USER, ['B', 'UNKNOWN']);
    expect((await devices.list(q(), USER)).map((d) => d.deviceId)).toEqual(['A', 'C', 'D']);
    await devices.deleteAllExcept(q(), USER, 'C');
    expect((await devices.list(q(), USER)).map((d) => d.deviceId)).toEqual(['C']);
    await devices.deleteAllExcept(q(), USER, null);
    expect(await devices.list(q(), USER)).toEqual([]);
  });
});
