import { rmSync } from 'node:fs';
import { TransactionReceiver } from '@switchboard/federation';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { Json } from '../support/http';
import { freePort, selfSignedCertificateFiles } from '../support/network';
import { syncClient, TestUser } from './sync-client';

/**
 * client-server-api "Send-to-Device messaging": "If the client sends messages to users on remote
 * domains, those messages should be sent on to the remote servers via federation"
 * (server-server-api "Send-to-device messaging", the m.direct_to_device EDU), between two
 * Switchboards that share no room.
 */
describe('send-to-device messaging over federation', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-todevice-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let ca: ReturnType<typeof syncClient>;
  let cb: ReturnType<typeof syncClient>;
  let txn = 0;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([
      startFederatingHomeserver(portA, { certificate, key }),
      startFederatingHomeserver(portB, { certificate, key }),
    ]);
    ca = syncClient(a);
    cb = syncClient(b);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const send = (c: ReturnType<typeof syncClient>, from: TestUser, messages: unknown, txnId = `t${++txn}`) =>
    c.api.call('PUT', `/_matrix/client/v3/sendToDevice/m.test/${txnId}`, { messages }, from.token);
  const toDevice = (body: Json): Json[] => body.to_device?.events ?? [];

  it('reaches one device and every device of a remote user, and wakes their /sync', async () => {
    const alice = await ca.user('alice');
    const bob = await cb.user('bob');
    const start = await cb.sync(bob);
    const polling = cb.sync(bob, { since: start.next_batch, timeout: 30000 });
    expect(await send(ca, alice, { [bob.userId]: { [bob.deviceId]: { n: 1 } } })).toEqual({
      status: 200,
      body: {},
    });
    const woken = await polling;
    expect(toDevice(woken)).toEqual([{ sender: alice.userId, type: 'm.test', content: { n: 1 } }]);

    await send(ca, alice, { [bob.userId]: { '*': { n: 2 } } });
    const next = await cb.sync(bob, { since: woken.next_batch, timeout: 30000 });
    expect(toDevice(next).map((e) => e.content)).toEqual([{ n: 2 }]);
  });

  it('a retried transaction reaches the remote device once, and a local recipient of the same send too', async () => {
    const alice = await ca.user('alice');
    const carol = await ca.user('carol');
    const bob = await cb.user('bob');
    const start = await cb.sync(bob);
    const messages = {
      [bob.userId]: { [bob.deviceId]: { once: true } },
      [carol.userId]: { '*': { local: 1 } },
    };
    await send(ca, alice, messages, 'retried');
    await send(ca, alice, messages, 'retried');
    await send(ca, alice, { [bob.userId]: { [bob.deviceId]: { after: true } } });
    // The last send arrives after the first: once it is there, a repeat would be there too.
    let received: Json[] = [];
    let since = start.next_batch;
    while (!received.some((e) => e.content.after)) {
      const body = await cb.sync(bob, { since, timeout: 30000 });
      received = [...received, ...toDevice(body)];
      since = body.next_batch;
    }
    expect(received.map((e) => e.content)).toEqual([{ once: true }, { after: true }]);
    expect(toDevice(await ca.sync(carol)).map((e) => e.content)).toEqual([{ local: 1 }]);
  });

  it('takes in an EDU once per message_id, and only from the server of its sender', async () => {
    const bob = await cb.user('bob');
    const start = await cb.sync(bob);
    const origin = a.config.server_name;
    const edu = (sender: string, messageId: string, n: number) => ({
      origin,
      origin_server_ts: Date.now(),
      pdus: [],
      edus: [
        {
          edu_type: 'm.direct_to_device',
          content: {
            sender,
            type: 'm.test',
            message_id: messageId,
            messages: { [bob.userId]: { '*': { n } } },
          },
        },
      ],
    });
    const receiver = b.app.get(TransactionReceiver);
    await receiver.receive(origin, `x${++txn}`, edu(`@alice:${origin}`, 'm1', 1));
    await receiver.receive(origin, `x${++txn}`, edu(`@alice:${origin}`, 'm1', 2));
    await receiver.receive(origin, `x${++txn}`, edu('@mallory:elsewhere.test', 'm2', 3));
    await receiver.receive(origin, `x${++txn}`, edu(`@alice:${origin}`, 'm3', 4));
    expect(toDevice(await cb.sync(bob, { since: start.next_batch })).map((e) => e.content)).toEqual([
      { n: 1 },
      { n: 4 },
    ]);
  });
});
