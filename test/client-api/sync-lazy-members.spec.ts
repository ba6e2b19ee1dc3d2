import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Lazy-loading room members" across incremental syncs', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const lazy = (extra: Json = {}) =>
    JSON.stringify({ room: { timeline: { limit: 10 }, state: { lazy_load_members: true, ...extra } } });
  const members = (body: Json, roomId: string): string[] =>
    ((body.rooms?.join?.[roomId]?.state?.events ?? []) as Json[])
      .filter((e) => e.type === 'm.room.member')
      .map((e) => `${e.state_key}:${e.content.membership}`)
      .sort();

  async function roomWithTalkers() {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const carol = await c.user('carol');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    await c.join(roomId, carol);
    // Enough to push every member event out of a 10-event timeline.
    for (let i = 0; i < 10; i++) await c.say(roomId, bob, `bob ${i}`);
    await c.say(roomId, carol, 'carol');
    return { alice, bob, carol, roomId };
  }

  it('does not send a member event again to a device that was already sent it', async () => {
    const { alice, bob, carol, roomId } = await roomWithTalkers();
    const first = await c.sync(alice, { filter: lazy() });
    expect(members(first, roomId)).toEqual(
      [`${alice.userId}:join`, `${bob.userId}:join`, `${carol.userId}:join`].sort(),
    );

    await c.say(roomId, bob, 'again');
    await c.say(roomId, carol, 'again');
    const next = await c.sync(alice, { filter: lazy(), since: first.next_batch });
    expect(next.rooms.join[roomId].timeline.events).toHaveLength(2);
    expect(members(next, roomId)).toEqual([]);
  });

  it('sends them again with include_redundant_members', async () => {
    const { alice, bob, roomId } = await roomWithTalkers();
    const first = await c.sync(alice, { filter: lazy() });
    await c.say(roomId, bob, 'again');
    const redundant = await c.sync(alice, {
      filter: lazy({ include_redundant_members: true }),
      since: first.next_batch,
    });
    expect(members(redundant, roomId)).toEqual([`${bob.userId}:join`]);
  });

  it('remembers per device what each was sent', async () => {
    const { alice, bob, roomId } = await roomWithTalkers();
    const login = await c.api.call('POST', '/_matrix/client/v3/login', {
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: alice.userId },
      password: 'correct horse',
    });
    const phone: TestUser = {
      userId: alice.userId,
      token: login.body.access_token as string,
      deviceId: login.body.device_id as string,
    };
    const laptopFirst = await c.sync(alice, { filter: lazy() });
    // The phone's timeline holds carol's message alone: it never gets bob's member event.
    const phoneFilter = JSON.stringify({
      room: { timeline: { limit: 1 }, state: { lazy_load_members: true } },
    });
    const phoneFirst = await c.sync(phone, { filter: phoneFilter });
    expect(members(phoneFirst, roomId)).not.toContain(`${bob.userId}:join`);

    await c.say(roomId, bob, 'again');
    const phoneNext = await c.sync(phone, { filter: phoneFilter, since: phoneFirst.next_batch });
    expect(members(phoneNext, roomId)).toEqual([`${bob.userId}:join`]);
    const laptopNext = await c.sync(alice, { filter: lazy(), since: laptopFirst.next_batch });
    expect(members(laptopNext, roomId)).toEqual([]);
  });

  it("a gapped sync sends the gap's membership changes but not members already sent", async () => {
    const { alice, bob, carol, roomId } = await roomWithTalkers();
    const first = await c.sync(alice, { filter: lazy() });
    await c.membership(roomId, carol, carol.userId, 'leave');
    for (let i = 0; i < 12; i++) await c.say(roomId, bob, `filler ${i}`);
    const gapped = await c.sync(alice, { filter: lazy(), since: first.next_batch });
    expect(gapped.rooms.join[roomId].timeline.limited).toBe(true);
    expect(members(gapped, roomId)).toEqual([`${carol.userId}:leave`]);
  });
});
