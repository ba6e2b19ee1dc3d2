import { ProfilesService } from '@switchboard/client-api';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Profiles"', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const profile = (userId: string, key?: string) =>
    `/_matrix/client/v3/profile/${encodeURIComponent(userId)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;
  const set = (u: TestUser, key: string, body: unknown, userId = u.userId) =>
    c.api.call('PUT', profile(userId, key), body, u.token);
  const localpart = (u: TestUser) => u.userId.slice(1, u.userId.indexOf(':'));

  it('a new user is named after their localpart; fields round-trip, custom ones too, and can be deleted', async () => {
    const alice = await c.user('alice');
    expect(await c.api.call('GET', profile(alice.userId))).toEqual({
      status: 200,
      body: { displayname: localpart(alice) },
    });
    expect(await set(alice, 'displayname', { displayname: 'Alice' })).toEqual({ status: 200, body: {} });
    expect(await set(alice, 'avatar_url', { avatar_url: 'mxc://test.local/abc' })).toEqual({
      status: 200,
      body: {},
    });
    expect(await set(alice, 'm.tz', { 'm.tz': 'Europe/London' })).toEqual({ status: 200, body: {} });
    expect(await set(alice, 'org.example.pronouns', { 'org.example.pronouns': ['she', 'her'] })).toEqual({
      status: 200,
      body: {},
    });
    expect((await c.api.call('GET', profile(alice.userId))).body).toEqual({
      displayname: 'Alice',
      avatar_url: 'mxc://test.local/abc',
      'm.tz': 'Europe/London',
      'org.example.pronouns': ['she', 'her'],
    });
    expect(await c.api.call('GET', profile(alice.userId, 'displayname'))).toEqual({
      status: 200,
      body: { displayname: 'Alice' },
    });
    expect(await c.api.call('DELETE', profile(alice.userId, 'm.tz'), undefined, alice.token)).toEqual({
      status: 200,
      body: {},
    });
    expect(await c.api.call('DELETE', profile(alice.userId, 'm.tz'), undefined, alice.token)).toEqual({
      status: 200,
      body: {},
    });
    expect((await c.api.call('GET', profile(alice.userId, 'm.tz'))).status).toBe(404);
    expect(await hs.app.get(ProfilesService).memberContent(alice.userId)).toEqual({
      displayname: 'Alice',
      avatar_url: 'mxc://test.local/abc',
    });
  });

  it('a new displayname or avatar is sent as a join event into every joined room and as presence', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomA = await c.createRoom(alice);
    const roomB = await c.createRoom(alice);
    await c.join(roomA, bob);
    const before = await c.sync(bob);

    await set(alice, 'displayname', { displayname: 'Alice Liddell' });
    await set(alice, 'avatar_url', { avatar_url: 'mxc://test.local/rabbit' });
    const next = await c.sync(bob, { since: before.next_batch, timeout: 5000 });
    const members = (next.rooms.join[roomA].timeline.events as Json[]).filter(
      (e) => e.type === 'm.room.member' && e.state_key === alice.userId,
    );
    expect(members.map((e) => e.content)).toEqual([
      { membership: 'join', displayname: 'Alice Liddell' },
      { membership: 'join', displayname: 'Alice Liddell', avatar_url: 'mxc://test.local/rabbit' },
    ]);
    const presence = (next.presence?.events ?? []).filter((e: Json) => e.sender === alice.userId);
    expect(presence.at(-1).content).toMatchObject({
      displayname: 'Alice Liddell',
      avatar_url: 'mxc://test.local/rabbit',
    });

    const aliceView = await c.sync(alice);
    const inB = (aliceView.rooms.join[roomB].timeline.events as Json[]).filter(
      (e) => e.type === 'm.room.member',
    );
    expect(inB.at(-1).content).toEqual({
      membership: 'join',
      displayname: 'Alice Liddell',
      avatar_url: 'mxc://test.local/rabbit',
    });
  });

  it('setting a field to what it already is sends nothing into rooms', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    await set(alice, 'displayname', { displayname: 'Same' });
    const before = await c.sync(alice);
    await set(alice, 'displayname', { displayname: 'Same' });
    await set(alice, 'org.example.note', { 'org.example.note': 'not propagated' });
    const next = await c.sync(alice, { since: before.next_batch, timeout: 300 });
    expect(next.rooms?.join?.[roomId]).toBeUndefined();
  });

  it('answers unknown users and fields with 404, others with 403, and bad keys and values with 400', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const error = async (res: Promise<{ status: number; body: Json }>) => {
      const { status, body } = await res;
      return [status, body.errcode];
    };
    expect(await error(c.api.call('GET', profile('@nobody:test.local')))).toEqual([404, 'M_NOT_FOUND']);
    expect(await error(c.api.call('GET', profile('@nobody:test.local', 'displayname')))).toEqual([
      404,
      'M_NOT_FOUND',
    ]);
    expect(await error(c.api.call('GET', profile(alice.userId, 'avatar_url')))).toEqual([404, 'M_NOT_FOUND']);
    expect(await error(set(bob, 'displayname', { displayname: 'Mallory' }, alice.userId))).toEqual([
      403,
      'M_FORBIDDEN',
    ]);
    expect(
      await error(c.api.call('DELETE', profile(alice.userId, 'displayname'), undefined, bob.token)),
    ).toEqual([403, 'M_FORBIDDEN']);
    expect(await error(set(alice, 'Not_A_Key', { Not_A_Key: 1 }))).toEqual([400, 'M_INVALID_PARAM']);
    expect(await error(set(alice, 'displayname', {}))).toEqual([400, 'M_MISSING_PARAM']);
    expect(await error(set(alice, 'displayname', { displayname: 5 }))).toEqual([400, 'M_INVALID_PARAM']);
    expect(await error(set(alice, 'avatar_url', { avatar_url: 'https://example.com/a.png' }))).toEqual([
      400,
      'M_INVALID_PARAM',
    ]);
    expect(await error(set(alice, 'org.example.big', { 'org.example.big': 'x'.repeat(70 * 1024) }))).toEqual([
      400,
      'M_PROFILE_TOO_LARGE',
    ]);
    expect(await error(set(alice, 'displayname', '[]'))).toEqual([400, 'M_BAD_JSON']);
    expect(await error(set(alice, 'displayname', '{'))).toEqual([400, 'M_NOT_JSON']);
    expect(
      await error(c.api.call('PUT', profile(alice.userId, 'displayname'), { displayname: 'x' })),
    ).toEqual([401, 'M_MISSING_TOKEN']);
  });
});
