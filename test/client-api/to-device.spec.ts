import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { client } from './accounts-client';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Send-to-Device messaging"', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  let txn = 0;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const send = (from: TestUser, messages: unknown, type = 'm.test', txnId = `t${++txn}`) =>
    c.api.call('PUT', `/_matrix/client/v3/sendToDevice/${type}/${txnId}`, { messages }, from.token);
  const toDevice = (body: Json): Json[] => body.to_device?.events ?? [];

  /** A second device of `u`, logged in with the password the sync client registers with. */
  const secondDevice = async (u: TestUser): Promise<TestUser> => {
    const login = await client(hs).login(u.userId, 'correct horse');
    return {
      userId: u.userId,
      token: login.body.access_token as string,
      deviceId: login.body.device_id as string,
    };
  };

  it('delivers in /sync until the client acknowledges with a later since', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    expect(await send(alice, { [bob.userId]: { [bob.deviceId]: { n: 1 } } })).toEqual({
      status: 200,
      body: {},
    });

    const first = await c.sync(bob);
    expect(toDevice(first)).toEqual([{ sender: alice.userId, type: 'm.test', content: { n: 1 } }]);
    // Not acknowledged yet: an initial sync again still has it.
    expect(toDevice(await c.sync(bob))).toHaveLength(1);

    await send(alice, { [bob.userId]: { [bob.deviceId]: { n: 2 } } });
    const second = await c.sync(bob, { since: first.next_batch });
    expect(toDevice(second).map((e) => e.content)).toEqual([{ n: 2 }]);
    // The same since again: n: 2 is not acknowledged, n: 1 is gone.
    expect(toDevice(await c.sync(bob, { since: first.next_batch })).map((e) => e.content)).toEqual([
      { n: 2 },
    ]);
    expect(toDevice(await c.sync(bob, { since: second.next_batch }))).toEqual([]);
    expect(toDevice(await c.sync(bob))).toEqual([]);
  });

  it('sends to every device of a user with *, and to no device that does not exist', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const bob2 = await secondDevice(bob);
    await send(alice, { [bob.userId]: { '*': { all: true } }, [alice.userId]: { NOSUCHDEVICE: { x: 1 } } });
    for (const device of [bob, bob2]) {
      expect(toDevice(await c.sync(device))).toEqual([
        { sender: alice.userId, type: 'm.test', content: { all: true } },
      ]);
    }
    expect(toDevice(await c.sync(alice))).toEqual([]);
  });

  it('a repeated transaction ID of the same device sends nothing again; another device may reuse it', async () => {
    const alice = await c.user('alice');
    const alice2 = await secondDevice(alice);
    const bob = await c.user('bob');
    const message = (n: number) => ({ [bob.userId]: { [bob.deviceId]: { n } } });
    expect((await send(alice, message(1), 'm.test', 'same')).status).toBe(200);
    expect((await send(alice, message(2), 'm.test', 'same')).status).toBe(200);
    expect((await send(alice2, message(3), 'm.test', 'same')).status).toBe(200);
    expect(toDevice(await c.sync(bob)).map((e) => e.content)).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('sends at most 100 messages per response, in order, the rest in the next', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    for (let i = 0; i < 150; i += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, j) => send(alice, { [bob.userId]: { [bob.deviceId]: { n: i + j } } })),
      );
    }
    const first = await c.sync(bob);
    expect(toDevice(first)).toHaveLength(100);
    const second = await c.sync(bob, { since: first.next_batch });
    expect(toDevice(second)).toHaveLength(50);
    const all = [...toDevice(first), ...toDevice(second)].map((e) => e.content.n);
    expect(new Set(all).size).toBe(150);
    // Batches were sent one after another: arrival order keeps them apart.
    const batches = all.map((n: number) => Math.floor(n / 25));
    expect(batches).toEqual([...batches].sort((a, b) => a - b));
    expect(toDevice(await c.sync(bob, { since: second.next_batch }))).toEqual([]);
  });

  it('wakes a long-polling /sync of the receiving device', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const start = await c.sync(bob);
    const started = Date.now();
    const polling = c.sync(bob, { since: start.next_batch, timeout: 20000 });
    await new Promise((r) => setTimeout(r, 200));
    await send(alice, { [bob.userId]: { [bob.deviceId]: { wake: 1 } } });
    expect(toDevice(await polling)).toEqual([{ sender: alice.userId, type: 'm.test', content: { wake: 1 } }]);
    expect(Date.now() - started).toBeLessThan(10000);
  });

  it('deleting a device deletes its inbox: a device logged in again with its ID starts empty', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const bob2 = await secondDevice(bob);
    await send(alice, { [bob.userId]: { [bob2.deviceId]: { lost: true } } });
    const path = `/_matrix/client/v3/devices/${bob2.deviceId}`;
    const challenge = await c.api.call('DELETE', path, undefined, bob.token);
    const auth = {
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: bob.userId },
      password: 'correct horse',
      session: challenge.body.session,
    };
    expect((await c.api.call('DELETE', path, { auth }, bob.token)).status).toBe(200);
    const again = await client(hs).login(bob.userId, 'correct horse', { device_id: bob2.deviceId });
    expect(again.body.device_id).toBe(bob2.deviceId);
    const back = { ...bob2, token: again.body.access_token as string };
    expect(toDevice(await c.sync(back))).toEqual([]);
  });

  it('answers malformed requests with the spec errors', async () => {
    const alice = await c.user('alice');
    const call = (body: unknown) =>
      c.api.call('PUT', `/_matrix/client/v3/sendToDevice/m.test/bad${++txn}`, body, alice.token);
    expect((await call({})).body.errcode).toBe('M_MISSING_PARAM');
    expect((await call({ messages: [] })).body.errcode).toBe('M_BAD_JSON');
    expect((await call({ messages: { 'not-a-user': {} } })).body).toEqual(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM' }),
    );
    expect((await call({ messages: { [alice.userId]: [] } })).body.errcode).toBe('M_BAD_JSON');
    expect((await call({ messages: { [alice.userId]: { D: 'text' } } })).body.errcode).toBe('M_BAD_JSON');
    expect((await call('[1]')).status).toBe(400);
    expect(
      (await c.api.call('PUT', '/_matrix/client/v3/sendToDevice/m.test/x', { messages: {} })).status,
    ).toBe(401);
  });
});
