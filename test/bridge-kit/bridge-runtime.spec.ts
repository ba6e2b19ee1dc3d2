import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
// As in matrix/homeserver-client.spec.ts: the runtime is tested against a real Switchboard and a
// plain-HTTP Matrix user (test/support); libs may not import apps, so that test-only import is the exception.
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { MatrixUser } from '../support/matrix-user';
import { until } from '../support/until';
import {
  bridgeConfigSchema,
  BridgeStore,
  createAppserviceServer,
  AppserviceServer,
  createHomeserverClient,
  buildRegistration,
  registrationYaml,
  createBridge,
  RunningBridge,
} from '@switchboard/bridge-kit';
import {
  createFakeConnector,
  FakeConnector,
  fakeNetworkSchema,
  createMemoryQueue,
  createMemoryStore,
} from '@switchboard/bridge-kit/testing';

const log = pino({ level: 'silent' });
const SERVER = 'test.local';
const GHOST = `@fake_u1:${SERVER}`;

describe('createBridge against a real Switchboard', () => {
  let dir: string;
  let hs: TestHomeserver;
  let listener: AppserviceServer;
  let bridge: RunningBridge;
  let fake: FakeConnector;
  let store: BridgeStore;
  let queue: ReturnType<typeof createMemoryQueue>;
  let bob: MatrixUser;
  let roomId: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bridge-kit-runtime-'));
    fake = createFakeConnector('fake');
    fake.chats.set('c1', { id: 'c1', kind: 'channel', name: 'General', topic: 'remote talk' });
    fake.users.set('u1', { id: 'u1', name: 'Alice' });
    fake.chats.set('g1', { id: 'g1', kind: 'space', name: 'Guild' });
    fake.chats.set('c2', { id: 'c2', kind: 'channel', name: 'Second', parent: 'g1' });
    fake.chats.set('t1', { id: 't1', kind: 'thread', name: 'A thread', parent: 'c2', threadRoot: 'm2' });
    fake.files.set('https://remote.example/cat.png', {
      data: Buffer.from('not really a png'),
      mimetype: 'image/png',
    });
    const config = bridgeConfigSchema(fakeNetworkSchema).parse({
      bridge: {
        permissions: { [SERVER]: 'admin' },
        ghost_displayname_template: '{name} (Fake)',
        double_puppet: { enabled: true, links: { [`@carol:${SERVER}`]: 'u9' } },
      },
      network: { chats: ['c1'] },
    });
    const registration = buildRegistration({
      id: 'fake',
      url: null,
      serverName: SERVER,
      botLocalpart: 'fakebot',
      ghostTemplate: 'fake_{id}',
      doublePuppet: true,
    });
    store = createMemoryStore();
    queue = createMemoryQueue();
    let handler: RunningBridge['handler'] | null = null;
    listener = createAppserviceServer({
      hsToken: registration.hs_token,
      handler: {
        onTransaction: (txnId, events, ephemeral) => handler!.onTransaction(txnId, events, ephemeral),
        onUserQuery: (userId) => handler!.onUserQuery(userId),
        onAliasQuery: (alias) => handler!.onAliasQuery(alias),
      },
      log,
    });
    const port = await listener.listen('127.0.0.1', 0);
    const file = join(dir, 'fake.yaml');
    await writeFile(file, registrationYaml({ ...registration, url: `http://127.0.0.1:${port}` }));
    hs = await startTestHomeserver({ server_name: SERVER, app_service_config_files: [file] });
    const homeserver = createHomeserverClient({
      baseUrl: hs.baseUrl,
      asToken: registration.as_token,
      botMxid: `@fakebot:${SERVER}`,
      log,
    });
    bridge = createBridge({ connector: fake, config, serverName: SERVER, homeserver, store, queue, log });
    handler = bridge.handler;
    await bridge.start();
    roomId = (await store.portals.get('c1'))!.roomId;
    bob = await MatrixUser.register(hs.baseUrl, 'bob');
    await bob.join(roomId);
  }, 90000);

  afterAll(async () => {
    await bridge?.stop();
    await hs?.stop();
    await listener?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the configured portal with m.bridge state and reports the connector state', async () => {
    const state = await bob.ok('GET', `/rooms/${encodeURIComponent(roomId)}/state/m.bridge/fake:%2F%2Fc1`);
    expect(state).toMatchObject({
      bridgebot: `@fakebot:${SERVER}`,
      channel: { id: 'c1', displayname: 'General' },
    });
    expect(bridge.status()).toMatchObject({ id: 'fake', state: 'CONNECTED', portals: 1 });
  });

  it('brings a remote message to Matrix as the ghost, and a Matrix reply back to the remote', async () => {
    await fake.emit({
      chat: 'c1',
      sender: 'u1',
      ts: Date.now(),
      kind: 'message',
      id: 'm1',
      content: { text: 'hello from remote' },
    });
    const seen = await bob.until('the remote message', (s) => s.event.content?.body === 'hello from remote');
    expect(seen.event.sender).toBe(GHOST);
    const profile = await bob.ok('GET', `/profile/${encodeURIComponent(GHOST)}`);
    expect(profile.displayname).toBe('Alice (Fake)');

    // The same remote message again (a catch-up after a reconnect) is dropped.
    await fake.emit({
      chat: 'c1',
      sender: 'u1',
      ts: Date.now(),
      kind: 'message',
      id: 'm1',
      content: { text: 'hello from remote' },
    });
    await queue.idle();
    expect((await store.messages.byRemote('c1', 'm1')).length).toBe(1);

    const reply = await bob.send(roomId, 'm.room.message', {
      msgtype: 'm.text',
      body: 'hi back',
      'm.relates_to': { 'm.in_reply_to': { event_id: seen.event.event_id } },
    });
    const sent = await until('the reply at the remote', () =>
      fake.sentText().find((c) => c.text === 'hi back'),
    );
    expect(sent).toMatchObject({ replyTo: 'm1', msgtype: 'm.text' });
    await until('the map row', async () => (await store.messages.byEvent(reply))?.fromMatrix);
    expect(await fake.kit().isBridgeSent('c1', (await store.messages.byEvent(reply))!.remoteId)).toBe(true);
  }, 60000);

  it('bridges edits, reactions and deletes both ways', async () => {
    await fake.emit({
      chat: 'c1',
      sender: 'u1',
      ts: Date.now(),
      kind: 'edit',
      target: 'm1',
      content: { text: 'hello, edited' },
    });
    const edit = await bob.until(
      'the edit',
      (s) => s.event.content?.['m.new_content']?.body === 'hello, edited',
    );
    const original = (await store.messages.byRemote('c1', 'm1'))[0].eventId;
    expect(edit.event.content['m.relates_to']).toEqual({ rel_type: 'm.replace', event_id: original });

    await fake.emit({ chat: 'c1', sender: 'u1', ts: Date.now(), kind: 'reaction', target: 'm1', key: '👍' });
    await bob.until('the reaction', (s) => s.event.type === 'm.reaction' && s.event.sender === GHOST);

    const reaction = await bob.send(roomId, 'm.reaction', {
      'm.relates_to': { rel_type: 'm.annotation', event_id: original, key: '🎉' },
    });
    await until('the reaction at the remote', () => fake.calls.find((c) => c.kind === 'react'));
    await bob.ok('PUT', `/rooms/${encodeURIComponent(roomId)}/redact/${encodeURIComponent(reaction)}/t1`, {});
    await until('the reaction removed', () => fake.calls.find((c) => c.kind === 'unreact'));

    const mine = await bob.send(roomId, 'm.room.message', { msgtype: 'm.text', body: 'to delete' });
    await until('sent', async () => store.messages.byEvent(mine));
    await bob.ok('PUT', `/rooms/${encodeURIComponent(roomId)}/redact/${encodeURIComponent(mine)}/t2`, {});
    const del = await until('the delete at the remote', () => fake.calls.find((c) => c.kind === 'delete'));
    expect(del).toMatchObject({ redaction: { eventId: expect.any(String), chat: 'c1' } });

    await fake.emit({ chat: 'c1', sender: 'u1', ts: Date.now(), kind: 'delete', target: 'm1' });
    await bob.until(
      'the redaction',
      (s) => s.event.type === 'm.room.redaction' && s.event.redacts === original,
    );
  }, 60000);

  it('answers commands with the prefix in a portal', async () => {
    await bob.send(roomId, 'm.room.message', { msgtype: 'm.text', body: '!fake list' });
    const notice = await bob.until('the list', (s) => s.event.content?.msgtype === 'm.notice');
    expect(notice.event.content.body).toContain('c1');
    expect(fake.sentText().some((c) => c.text === '!fake list')).toBe(false);
  }, 30000);

  it('makes space and channel portals on demand, with attachments and threads', async () => {
    await fake.emit({
      chat: 'c2',
      sender: 'u1',
      ts: Date.now(),
      kind: 'message',
      id: 'm2',
      content: {
        text: 'look',
        attachments: [{ kind: 'image', filename: 'cat.png', url: 'https://remote.example/cat.png' }],
      },
    });
    await queue.idle();
    const space = (await store.portals.get('g1'))!;
    const channel = (await store.portals.get('c2'))!;
    await bob.join(channel.roomId);
    const image = await bob.until(
      'the image',
      (s) => s.roomId === channel.roomId && s.event.content?.msgtype === 'm.image',
    );
    expect(image.event.content).toMatchObject({ body: 'cat.png', url: expect.stringMatching(/^mxc:\/\//) });
    const [text, picture] = await store.messages.byRemote('c2', 'm2');
    expect([text.part, picture.part]).toEqual([0, 1]);
    await bob.join(space.roomId);
    expect(
      await bob.ok(
        'GET',
        `/rooms/${encodeURIComponent(space.roomId)}/state/m.space.child/${encodeURIComponent(channel.roomId)}`,
      ),
    ).toEqual({ via: [SERVER] });

    await fake.emit({
      chat: 't1',
      sender: 'u1',
      ts: Date.now(),
      kind: 'message',
      id: 'm3',
      content: { text: 'in the thread' },
    });
    const threaded = await bob.until('the thread message', (s) => s.event.content?.body === 'in the thread');
    expect(threaded.roomId).toBe(channel.roomId);
    expect(threaded.event.content['m.relates_to']).toMatchObject({
      rel_type: 'm.thread',
      event_id: text.eventId,
    });
  }, 60000);

  it('speaks as the linked Matrix user for a double-puppeted remote user', async () => {
    await MatrixUser.register(hs.baseUrl, 'carol');
    expect(await fake.kit().userMxid('u9')).toBe(`@carol:${SERVER}`);
    await fake.emit({
      chat: 'c1',
      sender: 'u9',
      ts: Date.now(),
      kind: 'message',
      id: 'm9',
      content: { text: 'carol speaking' },
    });
    const seen = await bob.until('the puppet message', (s) => s.event.content?.body === 'carol speaking');
    expect(seen.event.sender).toBe(`@carol:${SERVER}`);
    expect(seen.event.content['fi.mau.double_puppet_source']).toBe('fake');
    // Its echo in the transaction is not sent back to the remote.
    await new Promise((r) => setTimeout(r, 300));
    expect(fake.sentText().some((c) => c.text === 'carol speaking')).toBe(false);
  }, 30000);

  it('joins a DM from a permitted user and answers commands there without prefix', async () => {
    const dm = await bob.createRoom({ invite: [`@fakebot:${SERVER}`], is_direct: true });
    await bob.until('the help', (s) => s.roomId === dm && s.event.content?.msgtype === 'm.notice');
    await bob.send(dm, 'm.room.message', { msgtype: 'm.text', body: 'status' });
    await bob.until('the status', (s) => s.roomId === dm && /^CONNECTED/.test(s.event.content?.body ?? ''));
  }, 30000);

  it('passes Matrix read receipts of bridged messages to the remote', async () => {
    await fake.emit({
      chat: 'c1',
      sender: 'u1',
      ts: Date.now(),
      kind: 'message',
      id: 'm50',
      content: { text: 'read me' },
    });
    await queue.idle();
    const [row] = await store.messages.byRemote('c1', 'm50');
    await bob.receipt(roomId, row.eventId);
    await until('the read marker at the remote', () =>
      fake.calls.find(
        (c) => c.kind === 'read' && c.receipt.upTo === 'm50' && c.receipt.sender === bob.userId,
      ),
    );
  }, 30000);

  it('passes Matrix typing to the remote', async () => {
    await bob.typing(roomId, true);
    await until('typing at the remote', () =>
      fake.calls.find((c) => c.kind === 'typing' && c.typing.typing && c.typing.sender === bob.userId),
    );
  }, 30000);

  it('bridges a remote channel to an existing room by command, and unbridges it', async () => {
    fake.chats.set('c3', { id: 'c3', kind: 'channel', name: 'Third' });
    const room = await bob.createRoom({ invite: [`@fakebot:${SERVER}`] });
    await bob.until(
      'the bot joined',
      (s) =>
        s.roomId === room &&
        s.event.state_key === `@fakebot:${SERVER}` &&
        s.event.content?.membership === 'join',
    );
    expect(await store.managementRooms.get(room)).toBeNull();
    await bob.send(room, 'm.room.message', { msgtype: 'm.text', body: '!fake bridge c3' });
    await bob.until(
      'the answer',
      (s) => s.roomId === room && /^Bridged c3/.test(s.event.content?.body ?? ''),
    );
    expect((await store.portals.get('c3'))?.roomId).toBe(room);
    await fake.emit({
      chat: 'c3',
      sender: 'u1',
      ts: Date.now(),
      kind: 'message',
      id: 'm30',
      content: { text: 'into your room' },
    });
    await bob.until('the message', (s) => s.roomId === room && s.event.content?.body === 'into your room');
    await bob.send(room, 'm.room.message', { msgtype: 'm.text', body: '!fake unbridge' });
    await bob.until(
      'unbridged',
      (s) => s.roomId === room && /^Unbridged c3/.test(s.event.content?.body ?? ''),
    );
    expect(await store.portals.get('c3')).toBeNull();
  }, 30000);

  it('re-sends a message whose map row was lost (a crash after sending) as the same event', async () => {
    const event = {
      chat: 'c1',
      sender: 'u1',
      ts: Date.now(),
      kind: 'message' as const,
      id: 'm40',
      content: { text: 'once' },
    };
    await fake.emit(event);
    await queue.idle();
    const [first] = await store.messages.byRemote('c1', 'm40');
    await store.messages.deleteRemote('c1', 'm40');
    await fake.emit(event);
    await queue.idle();
    expect((await store.messages.byRemote('c1', 'm40'))[0].eventId).toBe(first.eventId);
    const page = await bob.messages(roomId, { dir: 'b', limit: 20 });
    expect(
      page.chunk.filter((e: { content?: { body?: string } }) => e.content?.body === 'once'),
    ).toHaveLength(1);
  }, 30000);
});
