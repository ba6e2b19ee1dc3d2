import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { roomsClient, TestUser, v3 } from './rooms-client';

describe('client-server-api "User directory": POST /user_directory/search', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof roomsClient>;

  const rename = async (u: TestUser, name: string) => {
    const res = await u.call('PUT', `${v3}/profile/${encodeURIComponent(u.id)}/displayname`, {
      displayname: name,
    });
    expect(res.status).toBe(200);
  };
  const search = async (u: TestUser, body: Record<string, unknown>) =>
    u.call('POST', `${v3}/user_directory/search`, body);
  const found = async (u: TestUser, term: string): Promise<string[]> => {
    const res = await search(u, { search_term: term });
    expect(res.status).toBe(200);
    return (res.body.results as Json[]).map((r) => r.user_id);
  };

  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = roomsClient(hs);
  }, 60_000);
  afterAll(async () => {
    await hs?.stop();
  });

  it('finds members of public rooms by display name and user ID, case-insensitively', async () => {
    const [alice, searcher] = [await c.user('alice'), await c.user('searcher')];
    await rename(alice, 'Zebulon Quartermaine');
    const room = await c.createRoom(alice, { preset: 'public_chat' });
    expect(await found(searcher, 'zebulon quarter')).toEqual([alice.id]);
    expect(await found(searcher, alice.id.slice(1, 8))).toContain(alice.id);
    const res = await search(searcher, { search_term: 'zebulon' });
    expect(res.body.results).toEqual([{ user_id: alice.id, display_name: 'Zebulon Quartermaine' }]);
    expect(res.body.limited).toBe(false);
    await alice.call('POST', `${v3}/rooms/${encodeURIComponent(room)}/leave`, {});
    expect(await found(searcher, 'zebulon')).toEqual([]);
  });

  it('finds members of a shared private room, not of other private rooms, and not the searcher', async () => {
    const [alice, bob, carol] = [await c.user('alice'), await c.user('bob'), await c.user('carol')];
    await rename(alice, 'Xanthippe Private');
    const room = await c.createRoom(alice, { preset: 'private_chat', invite: [bob.id] });
    expect(await found(carol, 'xanthippe')).toEqual([]);
    expect(await found(bob, 'xanthippe')).toEqual([]);
    expect((await bob.call('POST', `${v3}/join/${encodeURIComponent(room)}`, {})).status).toBe(200);
    expect(await found(bob, 'xanthippe')).toEqual([alice.id]);
    expect(await found(alice, 'xanthippe')).toEqual([]);
    // A world_readable room counts as public.
    const state = `${v3}/rooms/${encodeURIComponent(room)}/state/m.room.history_visibility/`;
    expect((await alice.call('PUT', state, { history_visibility: 'world_readable' })).status).toBe(200);
    expect(await found(carol, 'xanthippe')).toEqual([alice.id]);
  });

  it('honours limit with `limited`, and answers 400 without search_term', async () => {
    const searcher = await c.user('searcher');
    const owner = await c.user('owner');
    const room = await c.createRoom(owner, { preset: 'public_chat' });
    for (let i = 0; i < 3; i++) {
      const u = await c.user('many');
      await rename(u, `Yolanda Many ${i}`);
      expect((await u.call('POST', `${v3}/join/${encodeURIComponent(room)}`, {})).status).toBe(200);
    }
    const res = await search(searcher, { search_term: 'yolanda', limit: 2 });
    expect([(res.body.results as Json[]).length, res.body.limited]).toEqual([2, true]);
    const bad = await search(searcher, {});
    expect([bad.status, bad.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
  });
});
