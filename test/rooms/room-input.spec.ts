import {
  EventTemplate,
  generateSigningKeySeed,
  IdentifiedPdu,
  Pdu,
  RoomVersion,
  roomVersion,
  signingKeyFromSeed,
  stateEvent,
  stateKey,
  StateMap,
  timelineEvent,
} from '@switchboard/protocol';
import {
  buildEvent,
  ClientEvents,
  CreateRoomPerform,
  FederationFetcher,
  RoomInput,
  RoomStateQuery,
  SendPerform,
  VerifyKeys,
} from '@switchboard/rooms';
import { EventGraphRepository, EventsRepository, Transactions } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { fakeRemoteModule } from '../support/fake-remote';

/**
 * The input pipeline (server-server-api "Checks performed on receipt of a PDU") fed by a fake
 * remote server, remote.test, whose events are built and signed with its own key.
 */
const REMOTE = 'remote.test';
const remoteKey = signingKeyFromSeed(generateSigningKeySeed(), 'ed25519:r1');
const served = new Map<string, Pdu>();
const fakes = {
  keys: {
    get: async (server: string, keyId: string) =>
      server === REMOTE && keyId === remoteKey.keyId ? { key: remoteKey.publicKeyBase64 } : undefined,
  } satisfies VerifyKeys,
  fetcher: {
    event: async (_origin: string, _room: string, id: string) => served.get(id),
    missingEvents: async () => [...served.values()],
  } satisfies FederationFetcher,
};

describe.each(['10', '12'])('room input pipeline, room version %s', (versionId) => {
  let hs: TestHomeserver;
  const version = roomVersion(versionId) as RoomVersion;
  const alice = '@alice:test.local';
  const rem = `@rem:${REMOTE}`;

  beforeAll(async () => {
    hs = await startTestHomeserver({}, [fakeRemoteModule(fakes.fetcher, fakes.keys)]);
  });
  afterAll(async () => {
    await hs?.stop();
  });
  beforeEach(() => served.clear());

  const reader = () => hs.app.get(Transactions).reader;
  const extremities = (roomId: string) =>
    hs.app.get(EventGraphRepository).forwardExtremities(reader(), roomId);
  const events = async (ids: string[]) =>
    [...(await hs.app.get(EventsRepository).getMany(reader(), ids)).values()].map((r) => ({
      eventId: r.eventId,
      pdu: r.pdu,
    }));

  async function publicRoom(): Promise<string> {
    const { roomId } = await hs.app.get(CreateRoomPerform).create({
      creator: alice,
      roomVersion: versionId,
      createContent: {},
      initialEvents: [
        stateEvent('m.room.member', alice, { membership: 'join' }),
        stateEvent('m.room.power_levels', '', { users: versionId === '12' ? {} : { [alice]: 100 } }),
        stateEvent('m.room.join_rules', '', { join_rule: 'public' }),
      ],
    });
    return roomId;
  }

  /**
   * A remote event on top of `prevs` (default: the room's extremities), its auth events chosen
   * from `authState` (default: the current state).
   */
  async function remoteEvent(
    roomId: string,
    sender: string,
    template: EventTemplate,
    prevs?: IdentifiedPdu[],
    authState?: StateMap<IdentifiedPdu>,
  ): Promise<IdentifiedPdu> {
    const state: StateMap<IdentifiedPdu> = authState ?? (await hs.app.get(RoomStateQuery).current(roomId));
    return buildEvent({
      version,
      roomId,
      sender,
      template,
      prevEvents: prevs ?? (await events(await extremities(roomId))),
      authState: state,
      serverName: REMOTE,
      key: remoteKey,
      now: Date.now(),
    });
  }

  const feed = (roomId: string, event: IdentifiedPdu, kind: 'new' | 'backfill' = 'new') =>
    hs.app
      .get(RoomInput)
      .input([{ kind, roomId, pdu: event.pdu, origin: REMOTE }])
      .then(([r]) => r);

  it('accepts a remote join and message, which become current state and the forward extremity', async () => {
    const roomId = await publicRoom();
    const join = await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' }));
    expect(await feed(roomId, join)).toMatchObject({ eventId: join.eventId, outcome: 'accepted' });
    expect((await hs.app.get(RoomStateQuery).membership(roomId, rem))?.membership).toBe('join');
    const message = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'hi from afar' }));
    expect(await feed(roomId, message)).toMatchObject({ outcome: 'accepted', position: expect.any(Number) });
    expect(await extremities(roomId)).toEqual([message.eventId]);
    expect(await feed(roomId, message)).toMatchObject({ outcome: 'duplicate' });
  });

  it('drops an event with a bad signature and stores nothing', async () => {
    const roomId = await publicRoom();
    const join = await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' }));
    const forged = {
      eventId: join.eventId,
      pdu: { ...join.pdu, signatures: { [REMOTE]: { [remoteKey.keyId]: 'A'.repeat(86) } } },
    };
    expect(await feed(roomId, forged)).toMatchObject({ outcome: 'rejected' });
    expect(await hs.app.get(EventsRepository).get(reader(), join.eventId)).toBeNull();
  });

  it("refuses a sender whose server did not sign (a claim to be another server's user)", async () => {
    const roomId = await publicRoom();
    const spoof = await remoteEvent(
      roomId,
      '@mallory:elsewhere.test',
      stateEvent('m.room.member', '@mallory:elsewhere.test', { membership: 'join' }),
    );
    expect(await feed(roomId, spoof)).toMatchObject({ outcome: 'rejected' });
  });

  it('keeps an event whose content hash does not match, redacted', async () => {
    const roomId = await publicRoom();
    await feed(
      roomId,
      await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' })),
    );
    const message = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'original' }));
    const tampered = { eventId: message.eventId, pdu: { ...message.pdu, content: { body: 'changed' } } };
    expect(await feed(roomId, tampered)).toMatchObject({ outcome: 'accepted' });
    expect((await hs.app.get(EventsRepository).get(reader(), message.eventId))?.pdu.content).toEqual({});
  });

  it('rejects (and stores as rejected) an event that fails auth against its auth events', async () => {
    const roomId = await publicRoom();
    const message = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'not a member' }));
    expect(await feed(roomId, message)).toMatchObject({ outcome: 'rejected' });
    expect((await hs.app.get(EventsRepository).get(reader(), message.eventId))?.rejectedReason).toBeTruthy();
    expect(await feed(roomId, message)).toMatchObject({ outcome: 'rejected' });
  });

  it('soft-fails an event allowed by the state before it but not by the current state', async () => {
    const roomId = await publicRoom();
    const join = await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' }));
    await feed(roomId, join);
    const beforeBan = await events(await extremities(roomId));
    const stateBeforeBan = await hs.app.get(RoomStateQuery).current(roomId);
    await hs.app
      .get(SendPerform)
      .send(roomId, alice, stateEvent('m.room.member', rem, { membership: 'ban' }));
    const late = await remoteEvent(
      roomId,
      rem,
      timelineEvent('m.room.message', { body: 'sent before I saw the ban' }),
      beforeBan,
      stateBeforeBan,
    );
    expect(await feed(roomId, late)).toMatchObject({ outcome: 'soft_failed' });
    expect(await extremities(roomId)).not.toContain(late.eventId);
  });

  it('fetches missing prev events from the origin before accepting', async () => {
    const roomId = await publicRoom();
    const join = await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' }));
    served.set(join.eventId, join.pdu);
    const withJoin = new Map(await hs.app.get(RoomStateQuery).current(roomId)).set(
      stateKey('m.room.member', rem),
      join,
    );
    const next = await remoteEvent(
      roomId,
      rem,
      timelineEvent('m.room.message', { body: 'after a gap' }),
      [join],
      withJoin,
    );
    expect(await feed(roomId, next)).toMatchObject({ outcome: 'accepted' });
    expect(await extremities(roomId)).toEqual([next.eventId]);
  });

  it('answers "prev_events unavailable" for a stored outlier that comes again without its prev events', async () => {
    const roomId = await publicRoom();
    await feed(
      roomId,
      await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' })),
    );
    const unknown = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'never seen' }));
    const next = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'after it' }), [
      unknown,
    ]);
    await hs.app.get(RoomInput).input([{ kind: 'outlier', roomId, pdu: next.pdu, origin: REMOTE }]);
    const unavailable = { outcome: 'rejected', reason: 'prev_events unavailable' };
    expect(await feed(roomId, next)).toMatchObject(unavailable);
    expect(await feed(roomId, next)).toMatchObject(unavailable);
  });

  it('merges a fork: two extremities, then the next local event joins them', async () => {
    const roomId = await publicRoom();
    await feed(
      roomId,
      await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' })),
    );
    const base = await events(await extremities(roomId));
    const a = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'a' }), base);
    const local = await hs.app
      .get(SendPerform)
      .send(roomId, alice, stateEvent('m.room.topic', '', { topic: 'local' }));
    expect(await feed(roomId, a)).toMatchObject({ outcome: 'accepted' });
    expect((await extremities(roomId)).sort()).toEqual([a.eventId, local.eventId].sort());
    const state = await hs.app.get(RoomStateQuery).current(roomId);
    expect(state.get(stateKey('m.room.topic', ''))?.eventId).toBe(local.eventId);
    const merge = await hs.app
      .get(SendPerform)
      .send(roomId, alice, timelineEvent('m.room.message', { body: 'merge' }));
    expect(await extremities(roomId)).toEqual([merge.eventId]);
  });

  it('accepts a remote state event that forks from a local one, resolving current state over both', async () => {
    const roomId = await publicRoom();
    await feed(
      roomId,
      await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' })),
    );
    const base = await events(await extremities(roomId));
    const renamed = await remoteEvent(
      roomId,
      rem,
      stateEvent('m.room.member', rem, { membership: 'join', displayname: 'Rem' }),
      base,
    );
    const topic = await hs.app
      .get(SendPerform)
      .send(roomId, alice, stateEvent('m.room.topic', '', { topic: 'local' }));
    expect(await feed(roomId, renamed)).toMatchObject({ outcome: 'accepted' });
    const state = await hs.app.get(RoomStateQuery).current(roomId);
    expect(state.get(stateKey('m.room.member', rem))?.eventId).toBe(renamed.eventId);
    expect(state.get(stateKey('m.room.topic', ''))?.eventId).toBe(topic.eventId);
  });

  it('gives a remote state event unsigned.replaces_state and prev_content from the state before it', async () => {
    const roomId = await publicRoom();
    const join = await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' }));
    await feed(roomId, join);
    const renamed = await remoteEvent(
      roomId,
      rem,
      stateEvent('m.room.member', rem, { membership: 'join', displayname: 'Rem' }),
    );
    await feed(roomId, renamed);
    const row = (await hs.app.get(EventsRepository).get(reader(), renamed.eventId))!;
    const [seen] = await hs.app.get(ClientEvents).serialize([row]);
    expect(seen.unsigned).toMatchObject({
      replaces_state: join.eventId,
      prev_content: { membership: 'join' },
      prev_sender: rem,
    });
  });
});
