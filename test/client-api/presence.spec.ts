import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Presence"', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const status = (userId: string) => `/_matrix/client/v3/presence/${encodeURIComponent(userId)}/status`;
  const setPresence = (u: TestUser, body: unknown, userId = u.userId) =>
    c.api.call('PUT', status(userId), body, u.token);
  const getPresence = (u: TestUser, userId: string) => c.api.call('GET', status(userId), undefined, u.token);
  const presenceOf = (body: Json, userId: string) =>
    (body.presence?.events ?? []).filter((e: Json) => e.type === 'm.presence' && e.sender === userId);

  it('a status set over HTTP reads back and reaches users who share a room, not others', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const carol = await c.user('carol');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    const bobBefore = await c.sync(bob, { set_presence: 'offline' });
    const carolBefore = await c.sync(carol, { set_presence: 'offline' });

    expect(await setPresence(alice, { presence: 'unavailable', status_msg: 'in a meeting' })).toEqual({
      status: 200,
      body: {},
    });
    const read = await getPresence(bob, alice.userId);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      presence: 'unavailable',
      status_msg: 'in a meeting',
      currently_active: false,
    });
    expect(read.body.last_active_ago).toBeGreaterThanOrEqual(0);

    const bobNext = await c.sync(bob, {
      since: bobBefore.next_batch,
      timeout: 5000,
      set_presence: 'offline',
    });
    expect(presenceOf(bobNext, alice.userId).map((e: Json) => e.content)).toEqual([
      expect.objectContaining({
        presence: 'unavailable',
        status_msg: 'in a meeting',
        displayname: expect.any(String),
      }),
    ]);
    const carolNext = await c.sync(carol, {
      since: carolBefore.next_batch,
      timeout: 300,
      set_presence: 'offline',
    });
    expect(presenceOf(carolNext, alice.userId)).toEqual([]);
    expect(await getPresence(carol, alice.userId)).toMatchObject({
      status: 403,
      body: { errcode: 'M_FORBIDDEN' },
    });
  });

  it('/sync marks the user online unless set_presence says otherwise, and the others see it', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    const bobBefore = await c.sync(bob, { set_presence: 'offline' });
    expect((await getPresence(bob, alice.userId)).body).toEqual({ presence: 'offline' });

    await c.sync(alice, { set_presence: 'unavailable' });
    expect((await getPresence(bob, alice.userId)).body.presence).toBe('unavailable');
    await c.sync(alice);
    expect((await getPresence(bob, alice.userId)).body).toMatchObject({
      presence: 'online',
      currently_active: true,
    });

    const bobNext = await c.sync(bob, {
      since: bobBefore.next_batch,
      timeout: 5000,
      set_presence: 'offline',
    });
    expect(presenceOf(bobNext, alice.userId).at(-1).content).toMatchObject({
      presence: 'online',
      currently_active: true,
    });
    // Syncing again while online wakes nobody.
    await c.sync(alice);
    const quiet = await c.sync(bob, { since: bobNext.next_batch, timeout: 300, set_presence: 'offline' });
    expect(presenceOf(quiet, alice.userId)).toEqual([]);
  });

  it('refuses other users, unknown users and bad bodies', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const error = async (res: Promise<{ status: number; body: Json }>) => {
      const { status, body } = await res;
      return [status, body.errcode];
    };
    expect(await error(setPresence(bob, { presence: 'online' }, alice.userId))).toEqual([403, 'M_FORBIDDEN']);
    expect(await error(getPresence(alice, '@nobody:test.local'))).toEqual([404, 'M_NOT_FOUND']);
    expect(await error(setPresence(alice, {}))).toEqual([400, 'M_MISSING_PARAM']);
    expect(await error(setPresence(alice, { presence: 'busy' }))).toEqual([400, 'M_INVALID_PARAM']);
    expect(await error(setPresence(alice, { presence: 'online', status_msg: 7 }))).toEqual([
      400,
      'M_BAD_JSON',
    ]);
    expect(await error(setPresence(alice, '"online"'))).toEqual([400, 'M_BAD_JSON']);
    expect(
      await error(c.api.call('GET', '/_matrix/client/v3/sync?set_presence=busy', undefined, alice.token)),
    ).toEqual([400, 'M_INVALID_PARAM']);
  });
});
