import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { syncClient, TestUser } from '../client-api/sync-client';
import { Json } from '../support/http';
import { FakeAppservice } from './ephemeral-fake-appservice';

/**
 * application-service-api "Pushing ephemeral data" (MSC2409), the to-device messages of MSC4203
 * and the device lists of MSC3202: a homeserver with one registration that has
 * `receive_ephemeral` and `org.matrix.msc3202`, pushing to a fake application service. Its users (`@bridge_...`) register as ordinary users (the namespace is
 * not exclusive), so they have devices to send to.
 */
describe('application-service-api ephemeral data in transactions', () => {
  const appservice = new FakeAppservice();
  let dir: string;
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;

  beforeAll(async () => {
    const url = await appservice.start();
    dir = await mkdtemp(join(tmpdir(), 'switchboard-as-'));
    const registration = join(dir, 'ephemeral.yaml');
    await writeFile(
      registration,
      JSON.stringify({
        id: 'ephemeral-test',
        url,
        as_token: 'as-token-ephemeral',
        hs_token: 'hs-token-ephemeral',
        sender_localpart: 'ephemeralbot',
        namespaces: { users: [{ regex: '@bridge_.*', exclusive: false }], aliases: [], rooms: [] },
        receive_ephemeral: true,
        'org.matrix.msc3202': true,
      }),
    );
    hs = await startTestHomeserver({ app_service_config_files: [registration] });
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
    await appservice.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const put = (u: TestUser, path: string, body: unknown) => c.api.call('PUT', path, body, u.token);
  const post = (u: TestUser, path: string, body: unknown) => c.api.call('POST', path, body, u.token);
  const room = (roomId: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}`;

  it('typing and a read receipt in a room with one of its users arrive in `ephemeral` with their room', async () => {
    const alice = await c.user('alice');
    const ghost = await c.user('bridge_');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, ghost);

    const typing = await put(alice, `${room(roomId)}/typing/${encodeURIComponent(alice.userId)}`, {
      typing: true,
      timeout: 30_000,
    });
    expect(typing.status).toBe(200);
    expect(
      await appservice.until(() =>
        appservice
          .ephemeral()
          .find((e: Json) => e.type === 'm.typing' && e.room_id === roomId && e.content.user_ids.length > 0),
      ),
    ).toEqual({ type: 'm.typing', room_id: roomId, content: { user_ids: [alice.userId] } });

    const { eventId } = await c.say(roomId, alice, 'hello bridge');
    const receipt = await post(alice, `${room(roomId)}/receipt/m.read/${encodeURIComponent(eventId)}`, {});
    expect(receipt.status).toBe(200);
    const event = await appservice.until(() =>
      appservice.ephemeral().find((e: Json) => e.type === 'm.receipt' && e.room_id === roomId),
    );
    expect(event).toEqual({
      type: 'm.receipt',
      room_id: roomId,
      content: { [eventId]: { 'm.read': { [alice.userId]: { ts: expect.any(Number) } } } },
    });

    await put(alice, `${room(roomId)}/typing/${encodeURIComponent(alice.userId)}`, { typing: false });
    expect(
      await appservice.until(() =>
        appservice
          .ephemeral()
          .find(
            (e: Json) => e.type === 'm.typing' && e.room_id === roomId && e.content.user_ids.length === 0,
          ),
      ),
    ).toEqual({ type: 'm.typing', room_id: roomId, content: { user_ids: [] } });
  });

  it('typing and receipts of a room without its users do not reach it', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    const { eventId } = await c.say(roomId, alice, 'no bridge here');
    await put(alice, `${room(roomId)}/typing/${encodeURIComponent(alice.userId)}`, { typing: true });
    await post(bob, `${room(roomId)}/receipt/m.read/${encodeURIComponent(eventId)}`, {});

    // A room it shares, touched after, arrives: had the first room reached it, that would be earlier.
    const ghost = await c.user('bridge_');
    const shared = await c.createRoom(alice);
    await c.join(shared, ghost);
    const marker = await c.say(shared, alice, 'marker');
    await post(alice, `${room(shared)}/receipt/m.read/${encodeURIComponent(marker.eventId)}`, {});
    await appservice.until(() =>
      appservice.ephemeral().find((e: Json) => e.type === 'm.receipt' && e.room_id === shared),
    );
    expect(appservice.ephemeral().filter((e: Json) => e.room_id === roomId)).toEqual([]);
  });

  it('a send-to-device message for a device of one of its users arrives once', async () => {
    const alice = await c.user('alice');
    const ghost = await c.user('bridge_');
    const send = await put(alice, `/_matrix/client/v3/sendToDevice/m.test.hello/txn-${Date.now()}`, {
      messages: { [ghost.userId]: { [ghost.deviceId]: { greeting: 'hello ghost' } } },
    });
    expect(send.status).toBe(200);

    const ofGhost = () => appservice.toDevice().filter((m: Json) => m.to_user_id === ghost.userId);
    expect(await appservice.until(() => ofGhost()[0])).toEqual({
      type: 'm.test.hello',
      sender: alice.userId,
      to_user_id: ghost.userId,
      to_device_id: ghost.deviceId,
      content: { greeting: 'hello ghost' },
    });

    // Later traffic goes through the same outbox: the message is not handed over again with it.
    const roomId = await c.createRoom(alice);
    await c.join(roomId, ghost);
    const { eventId } = await c.say(roomId, alice, 'after the message');
    await post(alice, `${room(roomId)}/receipt/m.read/${encodeURIComponent(eventId)}`, {});
    await appservice.until(() =>
      appservice.ephemeral().find((e: Json) => e.type === 'm.receipt' && e.room_id === roomId),
    );
    expect(ofGhost()).toHaveLength(1);
  });

  it('a send-to-device message for a user outside its namespace does not reach it', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const ghost = await c.user('bridge_');
    await put(alice, `/_matrix/client/v3/sendToDevice/m.test.hello/txn-bob-${Date.now()}`, {
      messages: { [bob.userId]: { [bob.deviceId]: { greeting: 'not for the bridge' } } },
    });
    await put(alice, `/_matrix/client/v3/sendToDevice/m.test.hello/txn-ghost-${Date.now()}`, {
      messages: { [ghost.userId]: { '*': { greeting: 'for the bridge' } } },
    });
    await appservice.until(() => appservice.toDevice().find((m: Json) => m.to_user_id === ghost.userId));
    expect(appservice.toDevice().filter((m: Json) => m.to_user_id === bob.userId)).toEqual([]);
  });

  it('presence of a user who shares a room with one of its users arrives as m.presence', async () => {
    const alice = await c.user('alice');
    const ghost = await c.user('bridge_');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, ghost);
    const status = `/_matrix/client/v3/presence/${encodeURIComponent(alice.userId)}/status`;
    expect((await put(alice, status, { presence: 'unavailable', status_msg: 'away' })).status).toBe(200);
    expect(
      await appservice.until(() =>
        appservice.ephemeral().find((e: Json) => e.type === 'm.presence' && e.sender === alice.userId),
      ),
    ).toEqual({
      type: 'm.presence',
      sender: alice.userId,
      content: {
        presence: 'unavailable',
        status_msg: 'away',
        last_active_ago: expect.any(Number),
        currently_active: false,
      },
    });
  });

  it('a new device of a user who shares a room with one of its users is in `device_lists.changed`', async () => {
    const alice = await c.user('alice');
    const ghost = await c.user('bridge_');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, ghost);
    const localpart = alice.userId.slice(1).split(':')[0];
    expect((await c.api.login(localpart, 'correct horse')).status).toBe(200);
    await appservice.until(() =>
      appservice.transactions.find((t: Json) => t.device_lists?.changed?.includes(alice.userId)),
    );
    const unstable = appservice.transactions.find((t: Json) =>
      t['org.matrix.msc3202.device_lists']?.changed?.includes(alice.userId),
    );
    expect(unstable['org.matrix.msc3202.device_lists']).toEqual(unstable.device_lists);
  });
});
