import { Pdu } from '@switchboard/protocol';
import {
  CurrentStateRepository,
  EventsRepository,
  Membership,
  MembershipsRepository,
  pduColumns,
  ProfilesRepository,
  UserDirectoryRepository,
  UsersRepository,
} from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('UserDirectoryRepository', (db) => {
  const events = new EventsRepository();
  const state = new CurrentStateRepository();
  const memberships = new MembershipsRepository();
  const profiles = new ProfilesRepository();
  const directory = new UserDirectoryRepository();
  const q = () => db().dataSource.manager;
  let position = 0;

  /** A current state event of a room, with its membership row for a member event. */
  const put = (roomId: string, type: string, stateKey: string, content: Record<string, unknown>) =>
    db().dataSource.transaction(async (tx) => {
      const eventId = `$${++position}`;
      const pdu = {
        type,
        state_key: stateKey,
        sender: stateKey || '@x:test.local',
        content,
        origin_server_ts: 1,
        depth: 1,
      };
      await events.insert(tx, {
        eventId,
        roomId,
        streamOrdering: position,
        ...pduColumns(pdu as unknown as Pdu),
        outlier: false,
        softFailed: false,
        rejectedReason: null,
        snapshotBefore: null,
        snapshotAfter: null,
        replacesState: null,
      });
      await state.set(tx, roomId, { type, stateKey, eventId }, position);
      if (type === 'm.room.member') {
        const membership = content.membership as Membership;
        await memberships.set(tx, {
          roomId,
          userId: stateKey,
          membership,
          eventId,
          sender: stateKey,
          streamOrdering: position,
        });
      }
    });
  const found = async (searcher: string, ...terms: string[]) =>
    (await directory.search(q(), searcher, terms, 10)).map((u) => u.userId);

  it('searches members of public rooms and of rooms shared with the searcher, by name or ID', async () => {
    const [alice, bob, carol, remote] = [
      '@alice:test.local',
      '@bob:test.local',
      '@carol:test.local',
      '@rem:elsewhere',
    ];
    await put('!public', 'm.room.join_rules', '', { join_rule: 'public' });
    await put('!public', 'm.room.member', remote, { membership: 'join', displayname: 'Remote Person' });
    await put('!private', 'm.room.join_rules', '', { join_rule: 'invite' });
    await put('!private', 'm.room.member', alice, { membership: 'join', displayname: 'old name' });
    await put('!private', 'm.room.member', bob, { membership: 'join' });
    await db().dataSource.transaction((tx) =>
      profiles.getForUpdate(tx, alice, { displayname: 'Alice Liddell' }),
    );

    expect(await found(carol, 'person')).toEqual([remote]);
    expect(await found(carol, 'REM:ELSE')).toEqual([remote]);
    expect(await found(carol, 'alice')).toEqual([]);
    expect(await found(bob, 'liddell', 'ALICE')).toEqual([alice]);
    expect(await directory.search(q(), bob, ['liddell'], 10)).toEqual([
      { userId: alice, displayName: 'Alice Liddell', avatarUrl: null },
    ]);
    // Sharing a private room does not put the searcher in their own results.
    expect(await found(alice, 'alice')).toEqual([]);

    await put('!private', 'm.room.history_visibility', '', { history_visibility: 'world_readable' });
    expect(await found(carol, 'alice')).toEqual([alice]);
    await put('!private', 'm.room.member', alice, { membership: 'leave' });
    expect(await found(carol, 'alice')).toEqual([]);
  });

  it('with allUsers, also finds local users who are in no room', async () => {
    const loner = '@loner:test.local';
    await new UsersRepository(db().dataSource).create({
      userId: loner,
      passwordHash: null,
      admin: false,
      createdTs: 1,
    });
    expect(await found('@someone:test.local', 'loner')).toEqual([]);
    const all = await directory.search(q(), '@someone:test.local', ['loner'], 10, true);
    expect(all.map((u) => u.userId)).toEqual([loner]);
  });
});
