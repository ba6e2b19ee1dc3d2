import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser } from './rooms-client';

describe('client-server-api GET /rooms/{roomId}/initialSync', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof roomsClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = roomsClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const send = (u: TestUser, roomId: string, body: string) =>
    u.call('PUT', `${room(roomId)}/send/m.room.message/${body}${Date.now()}`, { msgtype: 'm.text', body });
  const bodies = (res: { body: Record<string, unknown> }) =>
    ((res.body.messages as { chunk: { content: { body?: string } }[] }).chunk ?? []).map(
      (e) => e.content.body,
    );

  it("gives a member the room's state and latest messages, oldest first, with tokens /messages continues from", async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice, { preset: 'public_chat', name: 'Snap' });
    for (const body of ['one', 'two', 'three']) expect((await send(alice, roomId, body)).status).toBe(200);
    const res = await alice.call('GET', `${room(roomId)}/initialSync?limit=2`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ room_id: roomId, membership: 'join', visibility: 'private' });
    expect(bodies(res)).toEqual(['two', 'three']);
    const state = res.body.state as { type: string; content: Record<string, unknown> }[];
    expect(state.find((e) => e.type === 'm.room.name')?.content).toEqual({ name: 'Snap' });
    const start = (res.body.messages as { start: string }).start;
    const before = await alice.call(
      'GET',
      `${room(roomId)}/messages?dir=b&limit=1&from=${encodeURIComponent(start)}`,
    );
    expect((before.body.chunk as { content: { body?: string } }[]).map((e) => e.content.body)).toEqual([
      'one',
    ]);
  });

  it('shows a departed member the room as they left it, and refuses others', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const carol = await c.user('carol');
    const roomId = await c.createRoom(alice, { preset: 'public_chat' });
    expect((await bob.call('POST', `${room(roomId)}/join`, {})).status).toBe(200);
    await send(alice, roomId, 'before');
    expect((await bob.call('POST', `${room(roomId)}/leave`, {})).status).toBe(200);
    await send(alice, roomId, 'after');
    const res = await bob.call('GET', `${room(roomId)}/initialSync`);
    expect(res.body.membership).toBe('leave');
    expect(bodies(res)).toContain('before');
    expect(bodies(res)).not.toContain('after');
    expectError(await carol.call('GET', `${room(roomId)}/initialSync`), 403, 'M_FORBIDDEN');
    expectError(await carol.call('GET', `${room('not-a-room')}/initialSync`), 400, 'M_INVALID_PARAM');
  });

  it('GET /events/{eventId} serves an event to those who may see it', async () => {
    const alice = await c.user('alice');
    const carol = await c.user('carol');
    const roomId = await c.createRoom(alice, { preset: 'private_chat' });
    const sent = await send(alice, roomId, 'hello');
    const eventId = sent.body.event_id as string;
    const res = await alice.call('GET', `/_matrix/client/v3/events/${encodeURIComponent(eventId)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ event_id: eventId, room_id: roomId, content: { body: 'hello' } });
    expectError(
      await carol.call('GET', `/_matrix/client/v3/events/${encodeURIComponent(eventId)}`),
      404,
      'M_NOT_FOUND',
    );
    expectError(
      await alice.call('GET', `/_matrix/client/v3/events/${encodeURIComponent(`$${'a'.repeat(42)}A`)}`),
      404,
      'M_NOT_FOUND',
    );
  });
});
