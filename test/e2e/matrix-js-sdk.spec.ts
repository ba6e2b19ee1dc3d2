import type { MatrixClient, MatrixEvent, Room } from 'matrix-js-sdk';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { loadSdk, Sdk, sdkUser } from '../support/js-sdk-user';

/**
 * matrix-js-sdk 37.5 (npm, unmodified) as two users, everything observed through its own /sync
 * loop (startClient), the way Element sees the server.
 */

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('matrix-js-sdk against Switchboard', () => {
  let sdk: Sdk;
  let hs: TestHomeserver;
  let alice: MatrixClient;
  let bob: MatrixClient;
  let roomId: string;

  const account = (name: string) => sdkUser(sdk, hs.baseUrl, name);

  const room = (client: MatrixClient): Room | undefined => client.getRoom(roomId) ?? undefined;
  const timelineBodies = (client: MatrixClient) =>
    room(client)
      ?.getLiveTimeline()
      .getEvents()
      .filter((e: MatrixEvent) => e.getType() === 'm.room.message')
      .map((e: MatrixEvent) => e.getContent().body as string) ?? [];

  beforeAll(async () => {
    sdk = await loadSdk();
    hs = await startTestHomeserver();
    alice = await account('alice');
    bob = await account('bob');
  }, 60000);

  afterAll(async () => {
    alice?.stopClient();
    bob?.stopClient();
    await hs?.stop();
  });

  it('creates a room, invites and joins', async () => {
    ({ room_id: roomId } = await alice.createRoom({ name: 'Switchboard', preset: sdk.Preset.PrivateChat }));
    await alice.invite(roomId, bob.getUserId()!);
    await until('bob sees the invite', () => room(bob)?.getMyMembership() === 'invite');
    await bob.joinRoom(roomId);
    await until('alice sees bob join', () => room(alice)?.getMember(bob.getUserId()!)?.membership === 'join');
    expect(room(bob)?.name).toBe('Switchboard');
  });

  it('exchanges messages both ways', async () => {
    await alice.sendTextMessage(roomId, 'hello bob');
    await bob.sendTextMessage(roomId, 'hello alice');
    await until(
      'bob sees both',
      () => timelineBodies(bob).includes('hello bob') && timelineBodies(bob).includes('hello alice'),
    );
    await until('alice sees both', () => timelineBodies(alice).includes('hello alice'));
  });

  it('paginates back through 1,000 messages', async () => {
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, j) => alice.sendTextMessage(roomId, `n${i + j}`)));
    }
    // A marker sent after everything: once bob's sync has it, no limited sync (which would start a
    // new live timeline under the pagination) is still on its way.
    await alice.sendTextMessage(roomId, 'end of batch');
    await until('bob sees the end marker', () => timelineBodies(bob).includes('end of batch'), 30000);
    const timeline = room(bob)!.getLiveTimeline();
    while (await bob.paginateEventTimeline(timeline, { backwards: true, limit: 100 })) {
      // each page prepends older events until the room's creation
    }
    expect(room(bob)!.getLiveTimeline()).toBe(timeline);
    const numbered = timelineBodies(bob).filter((b) => /^n\d+$/.test(b));
    expect(new Set(numbered).size).toBe(1000);
    expect(numbered).toHaveLength(1000);
    expect(room(bob)!.getLiveTimeline().getEvents()[0].getType()).toBe('m.room.create');
  }, 180000);

  it('edits, reacts and redacts', async () => {
    const { event_id: original } = await alice.sendTextMessage(roomId, 'tpyo');
    await alice.sendEvent(roomId, sdk.EventType.RoomMessage, {
      msgtype: sdk.MsgType.Text,
      body: '* typo',
      'm.new_content': { msgtype: sdk.MsgType.Text, body: 'typo' },
      'm.relates_to': { rel_type: sdk.RelationType.Replace, event_id: original },
    });
    await bob.sendEvent(roomId, sdk.EventType.Reaction, {
      'm.relates_to': { rel_type: sdk.RelationType.Annotation, event_id: original, key: '👍' },
    });
    await until('alice sees the reaction', () =>
      room(alice)
        ?.getLiveTimeline()
        .getEvents()
        .some((e) => e.getType() === 'm.reaction' && e.getRelation()?.event_id === original),
    );
    await until('bob sees the edit', () => room(bob)?.findEventById(original)?.replacingEvent() ?? false);
    await alice.redactEvent(roomId, original);
    await until('bob sees the redaction', () => room(bob)?.findEventById(original)?.isRedacted());
  });

  it('shows typing and read receipts to the other user', async () => {
    await alice.sendTyping(roomId, true, 30000);
    await until('bob sees alice typing', () => room(bob)?.getMember(alice.getUserId()!)?.typing);
    const { event_id } = await alice.sendTextMessage(roomId, 'read me');
    const event = await until('bob has the event', () => room(bob)?.findEventById(event_id));
    await bob.sendReadReceipt(event);
    await until('alice sees bob read it', () => room(alice)?.getEventReadUpTo(bob.getUserId()!) === event_id);
  });

  it('changes name and topic', async () => {
    await alice.setRoomName(roomId, 'Renamed');
    await alice.setRoomTopic(roomId, 'A topic');
    await until('bob sees the new name', () => room(bob)?.name === 'Renamed');
    await until(
      'bob sees the topic',
      () => room(bob)?.currentState.getStateEvents('m.room.topic', '')?.getContent().topic === 'A topic',
    );
  });

  it('leaves and forgets', async () => {
    await bob.leave(roomId);
    await until('bob has left', () => room(bob)?.getMyMembership() === 'leave');
    await bob.forget(roomId);
    const joined = await bob.getJoinedRooms();
    expect(joined.joined_rooms).not.toContain(roomId);
  });
});
