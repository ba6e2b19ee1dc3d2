import { DeviceListChangesRepository, MembershipsRepository, Membership } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('DeviceListChangesRepository', (db) => {
  const changes = new DeviceListChangesRepository();
  const memberships = new MembershipsRepository();
  const q = () => db().dataSource.manager;
  const [ALICE, BOB, CAROL] = ['@alice:test.local', '@bob:test.local', '@carol:remote.example'];
  const ROOM = '!room:test.local';
  let ordering = 0;
  const member = (userId: string, membership: Membership) =>
    db().dataSource.transaction((tx) =>
      memberships.set(tx, {
        roomId: ROOM,
        userId,
        membership,
        eventId: `$e${++ordering}`,
        sender: userId,
        streamOrdering: ordering,
      }),
    );
  const mark = (userIds: string[]) => db().dataSource.transaction((tx) => changes.markChanged(tx, userIds));

  it('tells a viewer of their own changes and of those sharing a joined room, latest position per user', async () => {
    await member(ALICE, 'join');
    await member(BOB, 'join');
    const first = await mark([BOB, CAROL]);
    const second = await mark([ALICE, BOB]);
    expect(second).toBeGreaterThan(first);
    expect(await changes.maxStreamId(q())).toBe(second);
    expect(await changes.changedFor(q(), ALICE, 0, second)).toEqual([ALICE, BOB]);
    expect(await changes.changedFor(q(), ALICE, second, second)).toEqual([]);
    expect(await changes.streamIdOf(q(), CAROL)).toBe(first);
    expect(await changes.sharingARoom(q(), ALICE, [BOB, CAROL])).toEqual(new Set([BOB]));
  });

  it('keeps a private change for its viewer only', async () => {
    const before = await changes.maxStreamId(q());
    const position = await db().dataSource.transaction((tx) => changes.markChangedFor(tx, ALICE, [CAROL]));
    expect(await changes.changedFor(q(), ALICE, before, position)).toEqual([CAROL]);
    expect(await changes.changedFor(q(), BOB, before, position)).toEqual([]);
  });

  it("finds who came into and went out of the viewer's rooms between room-event positions", async () => {
    const start = ordering;
    await member(CAROL, 'invite');
    expect(await changes.joinedSince(q(), ALICE, start, null)).toEqual([CAROL]);
    const joined = ordering;
    await member(BOB, 'leave');
    expect(await changes.departedSince(q(), ALICE, joined, ordering)).toEqual([BOB]);
    expect(await changes.departedSince(q(), ALICE, start, null)).toEqual([BOB]);
    expect(await changes.departedSince(q(), ALICE, ordering, null)).toEqual([]);
  });
});
