import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { syncClient } from './sync-client';

describe('client-server-api "Syncing" RoomSummary', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('an unnamed room has heroes; a named or aliased room only the counts', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    const unnamed = await c.sync(alice);
    expect(unnamed.rooms.join[roomId].summary).toEqual({
      'm.heroes': [bob.userId],
      'm.joined_member_count': 2,
      'm.invited_member_count': 0,
    });

    await c.sendState(roomId, alice, 'm.room.name', '', { name: 'A room name' });
    expect((await c.sync(alice)).rooms.join[roomId].summary).toEqual({
      'm.joined_member_count': 2,
      'm.invited_member_count': 0,
    });

    // "unset or empty": an emptied name makes heroes needed again, unless there is an alias.
    await c.sendState(roomId, alice, 'm.room.name', '', { name: '' });
    expect((await c.sync(alice)).rooms.join[roomId].summary['m.heroes']).toEqual([bob.userId]);
    await c.sendState(roomId, alice, 'm.room.canonical_alias', '', { alias: '#a:localhost' });
    expect((await c.sync(alice)).rooms.join[roomId].summary['m.heroes']).toBeUndefined();
  });

  it('counts follow memberships in incremental syncs', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const carol = await c.user('carol');
    const roomId = await c.createRoom(alice);
    await c.sendState(roomId, alice, 'm.room.name', '', { name: 'named' });
    const first = await c.sync(alice);
    await c.join(roomId, bob);
    await c.membership(roomId, alice, carol.userId, 'invite');
    const next = await c.sync(alice, { since: first.next_batch });
    expect(next.rooms.join[roomId].summary).toEqual({
      'm.joined_member_count': 2,
      'm.invited_member_count': 1,
    });
    await c.membership(roomId, bob, bob.userId, 'leave');
    const last = await c.sync(alice, { since: next.next_batch });
    expect(last.rooms.join[roomId].summary['m.joined_member_count']).toBe(1);
  });

  it('joined rooms always carry ephemeral and account_data sections', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const room = (await c.sync(alice)).rooms.join[roomId];
    expect(room.ephemeral).toEqual({ events: [] });
    expect(room.account_data).toEqual({ events: [] });
  });
});
