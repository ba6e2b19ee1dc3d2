import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('the deprecated sync API: GET /events and GET /initialSync (old_sync)', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
    [alice, bob] = [await api.user('alice'), await api.user('bob')];
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const say = (user: TestUser, roomId: string, body: string) =>
    user.call('PUT', `${room(roomId)}/send/m.room.message/${body}`, { msgtype: 'm.text', body });

  it('without from (or with an empty one), starts at now: start, end and an empty chunk', async () => {
    for (const query of ['timeout=0', 'timeout=0&from=']) {
      const res = await alice.call('GET', `${v3}/events?${query}`);
      expect(res).toEqual({
        status: 200,
        body: { start: expect.any(String), end: expect.any(String), chunk: [] },
      });
    }
  });

  it('from a token, returns the room events since, each with its room_id; r0 is the same endpoint', async () => {
    const roomId = await api.createRoom(alice, { preset: 'public_chat' });
    const start = (await alice.call('GET', '/_matrix/client/r0/events?timeout=0')).body.end as string;
    await bob.call('POST', `${room(roomId)}/join`);
    await say(alice, roomId, 'hello');
    const res = await alice.call('GET', `${v3}/events?timeout=0&from=${encodeURIComponent(start)}`);
    expect(res.status).toBe(200);
    expect(res.body.start).toBe(start);
    const chunk = res.body.chunk as { type: string; room_id: string; content: Record<string, unknown> }[];
    expect(chunk.filter((e) => e.room_id === roomId).map((e) => e.type)).toEqual([
      'm.room.member',
      'm.room.message',
    ]);
    const again = await alice.call(
      'GET',
      `${v3}/events?timeout=0&from=${encodeURIComponent(res.body.end as string)}`,
    );
    expect(again.body.chunk).toEqual([]);
  });

  it('waits up to timeout for a new event', async () => {
    const roomId = await api.createRoom(alice, {});
    const from = (await alice.call('GET', `${v3}/events?timeout=0`)).body.end as string;
    const waiting = alice.call('GET', `${v3}/events?timeout=20000&from=${encodeURIComponent(from)}`);
    await say(alice, roomId, 'late');
    const res = await waiting;
    expect((res.body.chunk as { content: { body?: string } }[]).map((e) => e.content.body)).toContain('late');
  });

  it('a bad from is 400', async () => {
    expectError(await alice.call('GET', `${v3}/events?from=nonsense`), 400, 'M_INVALID_PARAM');
  });

  it('GET /initialSync: end, presence, account_data and rooms with messages and current state', async () => {
    const roomId = await api.createRoom(alice, { preset: 'public_chat', visibility: 'public', name: 'Init' });
    await say(alice, roomId, 'one');
    const res = await alice.call('GET', `${v3}/initialSync?limit=1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      end: expect.any(String),
      presence: expect.any(Array),
      account_data: expect.any(Array),
    });
    const info = (res.body.rooms as Record<string, unknown>[]).find((r) => r.room_id === roomId) as {
      membership: string;
      visibility: string;
      messages: { chunk: { content: { body?: string }; room_id: string }[]; end: string };
      state: { type: string; room_id: string }[];
    };
    expect(info).toMatchObject({ membership: 'join', visibility: 'public' });
    expect(info.messages.chunk.map((e) => [e.content.body, e.room_id])).toEqual([['one', roomId]]);
    expect(info.messages.end).toBe(res.body.end);
    expect(info.state.map((e) => e.type)).toEqual(expect.arrayContaining(['m.room.create', 'm.room.name']));
    const events = await alice.call(
      'GET',
      `${v3}/events?timeout=0&from=${encodeURIComponent(res.body.end as string)}`,
    );
    expect(events.body.chunk).toEqual([]);
  });
});
