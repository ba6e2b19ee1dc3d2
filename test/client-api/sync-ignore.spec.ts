import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { ids, syncClient, TestUser } from './sync-client';

describe('client-server-api "Ignoring Users" in /sync and /messages', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const ignore = async (u: TestUser, ...userIds: string[]) => {
    const path = `/_matrix/client/v3/user/${encodeURIComponent(u.userId)}/account_data/m.ignored_user_list`;
    const ignored = Object.fromEntries(userIds.map((id) => [id, {}]));
    const res = await c.api.call('PUT', path, { ignored_users: ignored }, u.token);
    expect(res.status).toBe(200);
  };

  it("drops an ignored user's messages, not their state events, from /sync and /messages", async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const carol = await c.user('carol');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    await c.join(roomId, carol);
    const fromBob = (await c.say(roomId, bob, 'from bob')).eventId;
    const fromCarol = (await c.say(roomId, carol, 'from carol')).eventId;
    const rename = (
      await c.sendState(roomId, bob, 'm.room.member', bob.userId, { membership: 'join', displayname: 'B' })
    ).eventId;

    await ignore(alice, bob.userId);
    const first = await c.sync(alice);
    const timeline = ids(first.rooms.join[roomId].timeline.events);
    expect(timeline).toContain(fromCarol);
    expect(timeline).toContain(rename);
    expect(timeline).not.toContain(fromBob);

    const page = await c.messages(alice, roomId, { dir: 'b', limit: 50 });
    expect(page.status).toBe(200);
    expect(ids(page.body.chunk)).toContain(fromCarol);
    expect(ids(page.body.chunk)).not.toContain(fromBob);

    // Only an ignored user spoke: the room has nothing for alice.
    await c.say(roomId, bob, 'still bob');
    const quiet = await c.sync(alice, { since: first.next_batch });
    expect(quiet.rooms?.join?.[roomId]).toBeUndefined();

    await ignore(alice);
    const back = (await c.say(roomId, bob, 'bob again')).eventId;
    const next = await c.sync(alice, { since: quiet.next_batch });
    expect(ids(next.rooms.join[roomId].timeline.events)).toEqual([back]);
  });

  it('hides invites from ignored users in initial and incremental syncs', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const first = await c.sync(alice);
    await ignore(alice, bob.userId);
    const roomId = await c.createRoom(bob);
    await c.membership(roomId, bob, alice.userId, 'invite');

    const incremental = await c.sync(alice, { since: first.next_batch });
    expect(incremental.rooms?.invite?.[roomId]).toBeUndefined();
    const initial = await c.sync(alice);
    expect(initial.rooms?.invite?.[roomId]).toBeUndefined();

    await ignore(alice);
    const shown = await c.sync(alice);
    expect(Object.keys(shown.rooms.invite as Json)).toEqual([roomId]);
  });
});
