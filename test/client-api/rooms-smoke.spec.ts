import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { room, roomsClient, v3 } from './rooms-client';

describe('smoke', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('works', async () => {
    const alice = await api.user('alice');
    const bob = await api.user('bob');
    const roomId = await api.createRoom(alice, { preset: 'public_chat', name: 'Hello', room_alias_name: 'hello' });
    console.log(JSON.stringify(await api.state(alice, roomId), null, 1));
    console.log(await bob.call('POST', `${v3}/join/${encodeURIComponent('#hello:' + hs.config.server_name)}`, {}));
    const sent = await bob.call('PUT', `${room(roomId)}/send/m.room.message/t1`, { body: 'hi', msgtype: 'm.text' });
    console.log(sent);
    console.log(await bob.call('GET', `${room(roomId)}/event/${encodeURIComponent(sent.body.event_id as string)}`));
    console.log(await bob.call('PUT', `${room(roomId)}/state/m.room.topic/`, { topic: 'x' }));
    console.log(await alice.call('PUT', `${room(roomId)}/state/m.room.topic/`, { topic: 'x' }));
    console.log(await alice.call('GET', `${room(roomId)}/state/m.room.topic/`));
    console.log(await alice.call('GET', `${room(roomId)}/state/m.room.topic`));
    console.log(await alice.call('GET', `${v3}/publicRooms`));
  });
});
