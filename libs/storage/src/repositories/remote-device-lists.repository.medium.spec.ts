import { Membership, MembershipsRepository, RemoteDeviceListsRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('RemoteDeviceListsRepository', (db) => {
  const lists = new RemoteDeviceListsRepository();
  const memberships = new MembershipsRepository();
  const q = () => db().dataSource.manager;
  const OURS = 'test.local';
  const [ALICE, BOB, CAROL] = ['@alice:test.local', '@bob:remote.example', '@carol:remote.example'];
  let ordering = 0;
  const member = (roomId: string, userId: string, membership: Membership) =>
    db().dataSource.transaction((tx) =>
      memberships.set(tx, {
        roomId,
        userId,
        membership,
        eventId: `$e${++ordering}`,
        sender: userId,
        streamOrdering: ordering,
      }),
    );
  const cache = async (userId: string, streamId: number) => {
    const cachedAt = await lists.position(q());
    await db().dataSource.transaction((tx) =>
      lists.replace(
        tx,
        {
          userId,
          streamId,
          masterKey: { usage: ['master'] },
          selfSigningKey: null,
          devices: [
            { deviceId: 'D1', keys: { device_id: 'D1' }, displayName: 'phone' },
            { deviceId: 'D2', keys: null, displayName: null },
          ],
        },
        cachedAt,
      ),
    );
  };

  it('trusts a cache only while a local user has shared a room with its user since it was filled', async () => {
    await member('!a:test.local', ALICE, 'join');
    await member('!a:test.local', BOB, 'join');
    expect(await lists.sharesARoom(q(), BOB, OURS)).toBe(true);
    expect(await lists.sharesARoom(q(), CAROL, OURS)).toBe(false);
    await cache(BOB, 5);
    await cache(CAROL, 1);

    const trusted = await lists.trusted(q(), [BOB, CAROL], OURS);
    expect([...trusted.keys()]).toEqual([BOB]);
    expect(trusted.get(BOB)).toEqual({
      userId: BOB,
      streamId: 5,
      masterKey: { usage: ['master'] },
      selfSigningKey: null,
      devices: [
        { deviceId: 'D1', keys: { device_id: 'D1' }, displayName: 'phone' },
        { deviceId: 'D2', keys: null, displayName: null },
      ],
    });

    await member('!a:test.local', ALICE, 'leave');
    expect(await lists.trusted(q(), [BOB], OURS)).toEqual(new Map());
    await member('!a:test.local', ALICE, 'join');
    expect(await lists.trusted(q(), [BOB], OURS)).toEqual(new Map());
    await cache(BOB, 6);
    expect((await lists.trusted(q(), [BOB], OURS)).get(BOB)?.streamId).toBe(6);
  });

  it('applies one device update at a time and cross-signing keys', async () => {
    await db().dataSource.transaction(async (tx) => {
      await lists.applyUpdate(tx, BOB, 7, 'D1', null);
      await lists.applyUpdate(tx, BOB, 7, 'D3', { keys: { device_id: 'D3' }, displayName: 'laptop' });
      await lists.applyUpdate(tx, BOB, 3, 'D2', { keys: { device_id: 'D2' }, displayName: 'old' });
    });
    await lists.setCrossSigningKeys(q(), BOB, { selfSigningKey: { usage: ['self_signing'] } });
    const bob = (await lists.trusted(q(), [BOB], OURS)).get(BOB)!;
    expect(bob.streamId).toBe(7);
    expect(bob.masterKey).toEqual({ usage: ['master'] });
    expect(bob.selfSigningKey).toEqual({ usage: ['self_signing'] });
    expect(bob.devices).toEqual([
      { deviceId: 'D2', keys: { device_id: 'D2' }, displayName: 'old' },
      { deviceId: 'D3', keys: { device_id: 'D3' }, displayName: 'laptop' },
    ]);
  });

  it('stores no update for a user without a cache, and forgets a cache with its devices', async () => {
    await db().dataSource.transaction((tx) =>
      lists.applyUpdate(tx, '@dave:remote.example', 1, 'D', { keys: null, displayName: null }),
    );
    await lists.forget(q(), BOB);
    await member('!b:test.local', ALICE, 'join');
    await member('!b:test.local', '@dave:remote.example', 'join');
    expect(await lists.trusted(q(), [BOB, '@dave:remote.example'], OURS)).toEqual(new Map());
    const [{ n }] = await q().query(`SELECT count(*)::int AS n FROM remote_devices WHERE user_id <> $1`, [
      CAROL,
    ]);
    expect(n).toBe(0);
  });
});
