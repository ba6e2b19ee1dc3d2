import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { JsonObject, timelineEvent } from '@switchboard/protocol';
import { SendPerform } from '@switchboard/rooms';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

const NOTIFY = '/_matrix/push/v1/notify';

/** A push gateway on 127.0.0.1: records each notify body and answers what `answer` says. */
class FakeGateway {
  readonly requests: Json[] = [];
  answer: (body: Json) => { status: number; body: unknown } = () => ({ status: 200, body: { rejected: [] } });
  private waiters: (() => void)[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body: Json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        if (req.url === NOTIFY) this.requests.push(body);
        const answer = this.answer(body);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${NOTIFY}`;
  }

  /** The first recorded request (from `from` on) that `match` accepts. */
  async next(match: (body: Json) => boolean, from = 0, timeoutMs = 10_000): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.slice(from).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching push in ${JSON.stringify(this.requests)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

describe('client-server-api "Push Notifications": evaluation, unread counts, /notifications, HTTP pushers', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  const gateway = new FakeGateway();
  let url: string;
  beforeAll(async () => {
    url = await gateway.start();
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
    await gateway.stop();
  });

  const v3 = '/_matrix/client/v3';
  const call = (u: TestUser, method: string, path: string, body?: unknown) =>
    c.api.call(method, path, body, u.token);
  const setPusher = (u: TestUser, pushkey: string, data: JsonObject = {}) =>
    call(u, 'POST', `${v3}/pushers/set`, {
      kind: 'http',
      app_id: 'test.app',
      pushkey,
      app_display_name: 'Test',
      device_display_name: 'Phone',
      lang: 'en',
      data: { url, ...data },
    });
  const receipt = (u: TestUser, roomId: string, eventId: string) =>
    call(
      u,
      'POST',
      `${v3}/rooms/${encodeURIComponent(roomId)}/receipt/m.read/${encodeURIComponent(eventId)}`,
      {},
    );
  const twoUsersInARoom = async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    return { alice, bob, roomId };
  };
  const pushFor = (eventId: string, from = 0) =>
    gateway.next((b) => b.notification?.event_id === eventId, from);

  it('a keyword rule highlights: the count is in the same /sync as the event, and the gateway gets the push', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    await call(bob, 'PUT', `${v3}/pushrules/global/content/cake`, {
      pattern: 'cake',
      actions: ['notify', { set_tweak: 'highlight' }, { set_tweak: 'sound', value: 'bing' }],
    });
    expect((await setPusher(bob, 'bob-key', { custom: 'x' })).status).toBe(200);
    await c.sendState(roomId, alice, 'm.room.name', '', { name: 'Bakery' });
    const before = await c.sync(bob);

    const sent = await c.say(roomId, alice, 'who wants cake?');
    const next = await c.sync(bob, { since: before.next_batch, timeout: 5000 });
    expect(next.rooms.join[roomId].timeline.events.map((e: Json) => e.event_id)).toContain(sent.eventId);
    expect(next.rooms.join[roomId].unread_notifications).toEqual({
      notification_count: 1,
      highlight_count: 1,
    });

    const push = await pushFor(sent.eventId);
    expect(push.notification).toEqual({
      id: sent.eventId,
      event_id: sent.eventId,
      room_id: roomId,
      type: 'm.room.message',
      sender: alice.userId,
      room_name: 'Bakery',
      prio: 'high',
      content: { msgtype: 'm.text', body: 'who wants cake?' },
      counts: { unread: 1 },
      devices: [
        {
          app_id: 'test.app',
          pushkey: 'bob-key',
          pushkey_ts: expect.any(Number),
          data: { custom: 'x' },
          tweaks: { highlight: true, sound: 'bing' },
        },
      ],
    });
  });

  it('a read receipt clears the counts and sends the gateway the new badge', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    await setPusher(bob, 'badge-key');
    const sent = await c.say(roomId, alice, 'hello');
    expect((await pushFor(sent.eventId)).notification.counts).toEqual({ unread: 1 });
    const from = gateway.requests.length;
    await receipt(bob, roomId, sent.eventId);
    const badge = await gateway.next(
      (b) => b.notification?.event_id === undefined && b.notification?.devices?.[0]?.pushkey === 'badge-key',
      from,
    );
    expect(badge.notification.counts).toEqual({ unread: 0 });
    expect((await c.sync(bob)).rooms.join[roomId].unread_notifications).toEqual({
      notification_count: 0,
      highlight_count: 0,
    });
  });

  it('format event_id_only sends only the ids, the counts and the device', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    await setPusher(bob, 'slim-key', { format: 'event_id_only' });
    const sent = await c.say(roomId, alice, 'psst');
    const push = await pushFor(sent.eventId);
    expect(Object.keys(push.notification).sort()).toEqual([
      'counts',
      'devices',
      'event_id',
      'prio',
      'room_id',
    ]);
    expect(push.notification.devices[0].data).toEqual({ format: 'event_id_only' });
  });

  it('removes a pusher whose pushkey the gateway rejects', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    await setPusher(bob, 'dead-key');
    gateway.answer = (body) => ({
      status: 200,
      body: { rejected: body.notification?.devices?.[0]?.pushkey === 'dead-key' ? ['dead-key'] : [] },
    });
    try {
      const sent = await c.say(roomId, alice, 'anyone?');
      await pushFor(sent.eventId);
      await until(
        async () => ((await call(bob, 'GET', `${v3}/pushers`)).body.pushers as unknown[]).length === 0,
      );
    } finally {
      gateway.answer = () => ({ status: 200, body: { rejected: [] } });
    }
  });

  it('retries a push the gateway failed with 5xx', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    await setPusher(bob, 'flaky-key');
    let failures = 1;
    gateway.answer = () =>
      failures-- > 0 ? { status: 503, body: {} } : { status: 200, body: { rejected: [] } };
    try {
      const from = gateway.requests.length;
      const sent = await c.say(roomId, alice, 'again');
      const pushes = () =>
        gateway.requests.slice(from).filter((b) => b.notification?.event_id === sent.eventId);
      await until(async () => pushes().length === 2);
      expect(pushes()[1].notification.counts).toEqual({ unread: 1 });
    } finally {
      gateway.answer = () => ({ status: 200, body: { rejected: [] } });
    }
  });

  it('GET /notifications lists notified events newest first, with read flags, highlights only on request', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    const first = await c.say(roomId, alice, 'first');
    const mention = await hs.app.get(SendPerform).send(
      roomId,
      alice.userId,
      timelineEvent('m.room.message', {
        msgtype: 'm.text',
        body: 'hey',
        'm.mentions': { user_ids: [bob.userId] },
      }),
    );
    await receipt(bob, roomId, first.eventId);
    const third = await c.say(roomId, alice, 'third');
    await c.sync(bob);

    const page = await c.get(bob, `${v3}/notifications`);
    expect(page.status).toBe(200);
    const listed = page.body.notifications as Json[];
    expect(listed.map((n) => [n.event.event_id, n.read])).toEqual([
      [third.eventId, false],
      [mention.eventId, false],
      [first.eventId, true],
    ]);
    expect(listed[0]).toMatchObject({
      room_id: roomId,
      actions: ['notify', { set_tweak: 'sound', value: 'default' }],
      ts: expect.any(Number),
      profile_tag: null,
    });
    expect(listed[0].event.room_id).toBeUndefined();

    const limited = await c.get(bob, `${v3}/notifications`, { limit: 2 });
    expect(limited.body.notifications).toHaveLength(2);
    const rest = await c.get(bob, `${v3}/notifications`, { from: limited.body.next_token });
    expect(rest.body.notifications.map((n: Json) => n.event.event_id)).toEqual([first.eventId]);

    const highlights = await c.get(bob, `${v3}/notifications`, { only: 'highlight' });
    expect(highlights.body.notifications.map((n: Json) => n.event.event_id)).toEqual([mention.eventId]);
    expect((await c.get(bob, `${v3}/notifications`, { from: 'x' })).status).toBe(400);
  });

  it('with unread_thread_notifications, a thread gets counts of its own', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    const root = await c.say(roomId, alice, 'root');
    await hs.app.get(SendPerform).send(
      roomId,
      alice.userId,
      timelineEvent('m.room.message', {
        msgtype: 'm.text',
        body: 'in thread',
        'm.relates_to': { rel_type: 'm.thread', event_id: root.eventId },
      }),
    );
    const filter = JSON.stringify({ room: { timeline: { unread_thread_notifications: true } } });
    const threaded = (await c.sync(bob, { filter })).rooms.join[roomId];
    expect(threaded.unread_notifications).toEqual({ notification_count: 1, highlight_count: 0 });
    expect(threaded.unread_thread_notifications).toEqual({
      [root.eventId]: { notification_count: 1, highlight_count: 0 },
    });
    expect((await c.sync(bob)).rooms.join[roomId].unread_notifications).toEqual({
      notification_count: 2,
      highlight_count: 0,
    });
  });

  it('a muted room (override rule with no actions) counts nothing and pushes nothing', async () => {
    const { alice, bob, roomId } = await twoUsersInARoom();
    await setPusher(bob, 'mute-key');
    await call(bob, 'PUT', `${v3}/pushrules/global/override/${encodeURIComponent(roomId)}`, {
      conditions: [{ kind: 'event_match', key: 'room_id', pattern: roomId }],
      actions: [],
    });
    const from = gateway.requests.length;
    const muted = await c.say(roomId, alice, 'shh');
    const loud = await c.say(roomId, bob, 'bob speaks');
    expect((await c.sync(bob)).rooms.join[roomId].unread_notifications.notification_count).toBe(0);
    // Alice has no pusher; nothing was sent for the muted message.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gateway.requests.slice(from).map((b) => b.notification?.event_id)).not.toContain(muted.eventId);
    expect(loud.eventId).toBeDefined();
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
