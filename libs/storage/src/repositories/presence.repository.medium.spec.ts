import { MembershipsRepository, PresenceRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('PresenceRepository', (db) => {
  const presence = new PresenceRepository();
  const memberships = new MembershipsRepository();
  const q = () => db().dataSource.manager;
  const ALICE = '@alice:test.local';
  const BOB = '@bob:test.local';
  const CAROL = '@carol:test.local';

  beforeAll(async () => {
    const m = (roomId: string, userId: string, membership: 'join' | 'leave') =>
      db().dataSource.transaction((tx) =>
        memberships.set(tx, {
          roomId,
          userId,
          membership,
          eventId: `$${userId}`,
          sender: userId,
          streamOrdering: 1,
        }),
      );
    await m('!shared:test.local', ALICE, 'join');
    await m('!shared:test.local', BOB, 'join');
    await m('!left:test.local', ALICE, 'join');
    await m('!left:test.local', CAROL, 'leave');
  });

  it('stores the latest presence and gives it to users sharing a joined room, and to the user', async () => {
    const set = (userId: string, state: string) =>
      db().dataSource.transaction((tx) =>
        presence.set(tx, { userId, presence: state, statusMsg: 'hi', lastActiveTs: 5 }),
      );
    const bob1 = await set(BOB, 'online');
    await set(CAROL, 'online');
    const alice = await set(ALICE, 'unavailable');
    const bob2 = await set(BOB, 'offline');
    expect(await presence.get(q(), BOB)).toEqual({
      userId: BOB,
      presence: 'offline',
      statusMsg: 'hi',
      lastActiveTs: 5,
      streamId: bob2,
    });
    expect(await presence.get(q(), '@nobody:test.local')).toBeNull();
    expect(await presence.maxStreamId(q())).toBe(bob2);
    expect((await presence.changedFor(q(), ALICE, 0, bob2)).map((p) => [p.userId, p.presence])).toEqual([
      [ALICE, 'unavailable'],
      [BOB, 'offline'],
    ]);
    expect((await presence.changedFor(q(), ALICE, bob1, alice)).map((p) => p.userId)).toEqual([ALICE]);
    expect((await presence.changedFor(q(), CAROL, 0, bob2)).map((p) => p.userId)).toEqual([CAROL]);
  });

  it('moves the last active time without a new position, and tells who may see whom', async () => {
    const position = await db().dataSource.transaction((tx) =>
      presence.set(tx, { userId: ALICE, presence: 'online', statusMsg: null, lastActiveTs: 10 }),
    );
    await presence.touch(q(), ALICE, 50);
    await presence.touch(q(), ALICE, 20);
    expect(await presence.get(q(), ALICE)).toMatchObject({ lastActiveTs: 50, streamId: position });
    expect(await presence.visibleTo(q(), ALICE, BOB)).toBe(true);
    expect(await presence.visibleTo(q(), ALICE, ALICE)).toBe(true);
    expect(await presence.visibleTo(q(), ALICE, CAROL)).toBe(false);
  });
});
