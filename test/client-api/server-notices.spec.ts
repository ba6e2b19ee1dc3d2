import { ServerNoticesService } from '@switchboard/client-api';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

describe('client-server-api "Server Notices"', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let notices: ServerNoticesService;
  beforeAll(async () => {
    hs = await startTestHomeserver({
      server_notices: { system_mxid_localpart: 'notices', system_mxid_display_name: 'Server Notices Bot' },
    });
    api = roomsClient(hs);
    notices = hs.app.get(ServerNoticesService);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const notice = (body: string) => ({ body, server_notice_type: 'm.server_notice.usage_limit_reached' });
  const sync = async (u: TestUser, since?: string): Promise<Json> => {
    const res = await u.call('GET', `${v3}/sync${since ? `?since=${since}&timeout=5000` : ''}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('invites the user, who cannot reject the invite, and tags the room m.server_notice on joining', async () => {
    const alice = await api.user('alice');
    const { roomId, eventId } = await notices.send(alice.id, notice('You are over the limit'));

    const invited = await sync(alice);
    const inviteState = invited.rooms.invite[roomId].invite_state.events as Json[];
    expect(inviteState).toContainEqual(
      expect.objectContaining({ type: 'm.room.name', content: { name: 'Server Notices' } }),
    );
    expect(inviteState).toContainEqual(
      expect.objectContaining({
        type: 'm.room.member',
        state_key: `@notices:${hs.config.server_name}`,
        content: expect.objectContaining({ membership: 'join', displayname: 'Server Notices Bot' }),
      }),
    );
    expect(invited.rooms.join?.[roomId]).toBeUndefined();

    expectError(
      await alice.call('POST', `${room(roomId)}/leave`, {}),
      403,
      'M_CANNOT_LEAVE_SERVER_NOTICE_ROOM',
    );

    expect(await alice.call('POST', `${room(roomId)}/join`, {})).toEqual({
      status: 200,
      body: { room_id: roomId },
    });
    const joined = await sync(alice, invited.next_batch);
    expect(joined.rooms.join[roomId].account_data.events).toContainEqual({
      type: 'm.tag',
      content: { tags: { 'm.server_notice': {} } },
    });
    const tags = await alice.call('GET', `${v3}/user/${encodeURIComponent(alice.id)}/rooms/${roomId}/tags`);
    expect(tags.body).toEqual({ tags: { 'm.server_notice': {} } });

    const event = await alice.call('GET', `${room(roomId)}/event/${encodeURIComponent(eventId)}`);
    expect(event.body).toMatchObject({
      type: 'm.room.message',
      sender: `@notices:${hs.config.server_name}`,
      content: {
        msgtype: 'm.server_notice',
        body: 'You are over the limit',
        server_notice_type: 'm.server_notice.usage_limit_reached',
      },
    });
  });

  it('keeps exactly one room per user: a second notice, and concurrent first ones, use the same room', async () => {
    const bob = await api.user('bob');
    const [first, concurrent] = await Promise.all([
      notices.send(bob.id, notice('one')),
      notices.send(bob.id, notice('two')),
    ]);
    expect(concurrent.roomId).toBe(first.roomId);
    const second = await notices.send(bob.id, notice('three'));
    expect(second.roomId).toBe(first.roomId);

    await bob.call('POST', `${room(first.roomId)}/join`, {});
    const messages = await bob.call('GET', `${room(first.roomId)}/messages?dir=b&limit=20`);
    const bodies = (messages.body.chunk as Json[])
      .filter((e) => e.type === 'm.room.message')
      .map((e) => e.content.body)
      .sort();
    expect(bodies).toEqual(['one', 'three', 'two']);
  });

  it('lets a joined user leave, and invites them back into the same room with the next notice', async () => {
    const carol = await api.user('carol');
    const { roomId } = await notices.send(carol.id, notice('hello'));
    await carol.call('POST', `${room(roomId)}/join`, {});
    expect(await carol.call('POST', `${room(roomId)}/leave`, {})).toEqual({ status: 200, body: {} });

    expect((await notices.send(carol.id, notice('again'))).roomId).toBe(roomId);
    expect((await sync(carol)).rooms.invite[roomId]).toBeDefined();
    expectError(
      await carol.call('POST', `${room(roomId)}/leave`, {}),
      403,
      'M_CANNOT_LEAVE_SERVER_NOTICE_ROOM',
    );
  });

  it('the user cannot post in the room; rejecting other invites still works', async () => {
    const dave = await api.user('dave');
    const { roomId } = await notices.send(dave.id, notice('read only'));
    await dave.call('POST', `${room(roomId)}/join`, {});
    expectError(
      await dave.call('PUT', `${room(roomId)}/send/m.room.message/t1`, { msgtype: 'm.text', body: 'hi' }),
      403,
      'M_FORBIDDEN',
    );

    const erin = await api.user('erin');
    const other = await api.createRoom(erin, { invite: [dave.id] });
    expect(await dave.call('POST', `${room(other)}/leave`, {})).toEqual({ status: 200, body: {} });
  });

  it('sends only to existing local users', async () => {
    await expect(notices.send('@someone:elsewhere.example', notice('x'))).rejects.toMatchObject({
      errcode: 'M_UNKNOWN',
      status: 400,
    });
    await expect(notices.send(`@nobody:${hs.config.server_name}`, notice('x'))).rejects.toMatchObject({
      errcode: 'M_NOT_FOUND',
      status: 404,
    });
  });
});
