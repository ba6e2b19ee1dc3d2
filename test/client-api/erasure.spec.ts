import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { room, roomsClient, TestUser, v3 } from './rooms-client';

describe('erased users (POST /account/deactivate with erase: true)', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
    [alice, bob, carol] = [await api.user('alice'), await api.user('bob'), await api.user('carol')];
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('members at the time still see the messages; users who joined later see them redacted', async () => {
    const roomId = await api.createRoom(alice, { preset: 'public_chat' });
    await bob.call('POST', `${room(roomId)}/join`);
    const sent = await alice.call('PUT', `${room(roomId)}/send/m.room.message/e1`, {
      msgtype: 'm.text',
      body: 'b1',
    });
    const eventId = sent.body.event_id as string;
    await carol.call('POST', `${room(roomId)}/join`);
    const contentFor = async (user: TestUser) =>
      (await user.call('GET', `${room(roomId)}/event/${encodeURIComponent(eventId)}`)).body.content;
    expect(await contentFor(carol)).toEqual({ msgtype: 'm.text', body: 'b1' });

    const deactivate = await alice.call('POST', `${v3}/account/deactivate`, {
      erase: true,
      auth: {
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: alice.id },
        password: 'correct horse',
      },
    });
    expect(deactivate.status).toBe(200);

    expect(await contentFor(bob)).toEqual({ msgtype: 'm.text', body: 'b1' });
    expect(await contentFor(carol)).toEqual({});
    const messages = async (user: TestUser) =>
      (
        (await user.call('GET', `${room(roomId)}/messages?dir=b&limit=20`)).body.chunk as {
          event_id: string;
          content: unknown;
        }[]
      ).find((e) => e.event_id === eventId)?.content;
    expect(await messages(bob)).toEqual({ msgtype: 'm.text', body: 'b1' });
    expect(await messages(carol)).toEqual({});
  });
});
