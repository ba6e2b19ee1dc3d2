import {
  EventTemplate,
  generateSigningKeySeed,
  IdentifiedPdu,
  Pdu,
  RoomVersion,
  roomVersion,
  signingKeyFromSeed,
  stateEvent,
  timelineEvent,
} from '@switchboard/protocol';
import {
  buildEvent,
  CreateRoomPerform,
  FederationFetcher,
  RoomInput,
  RoomStateQuery,
  VerifyKeys,
} from '@switchboard/rooms';
import { EventGraphRepository, EventsRepository, Transactions } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { fakeRemoteModule } from '../support/fake-remote';

/**
 * Events whose prev events are not simply there (SyTest 36state "Room state after a rejected event
 * is the same as before", "Federation rejects inbound events where the prev_events cannot be
 * found", "Outbound federation requests missing prev_events and then asks for /state_ids"): a
 * rejected event is a usable prev event that changes no state; a pushed event whose prev events
 * stay unknown is dropped, not kept; an event get_missing_events brings with a gap before it is
 * placed on the state the sender reports at the gap.
 */
const REMOTE = 'remote.test';
const remoteKey = signingKeyFromSeed(generateSigningKeySeed(), 'ed25519:r1');
const fakes = {
  keys: {
    get: async (server: string, keyId: string) =>
      server === REMOTE && keyId === remoteKey.keyId ? { key: remoteKey.publicKeyBase64 } : undefined,
  } satisfies VerifyKeys,
  fetcher: {
    event: async (_origin: string, _room: string, id: string) => served.get(id),
    missingEvents: async () => missing,
    stateIdsBefore: async (_origin: string, _room: string, id: string) =>
      stateIdsAt.has(id) ? { stateIds: stateIdsAt.get(id)!, authChainIds: [] } : undefined,
  } satisfies FederationFetcher,
};
const served = new Map<string, Pdu>();
const stateIdsAt = new Map<string, string[]>();
let missing: Pdu[] = [];

describe('events after ones the input pipeline could not place', () => {
  let hs: TestHomeserver;
  const version = roomVersion('10') as RoomVersion;
  const alice = '@alice:test.local';
  const rem = `@rem:${REMOTE}`;

  beforeAll(async () => {
    hs = await startTestHomeserver({}, [fakeRemoteModule(fakes.fetcher, fakes.keys)]);
  });
  afterAll(async () => {
    await hs?.stop();
  });
  beforeEach(() => {
    served.clear();
    stateIdsAt.clear();
    missing = [];
  });

  const reader = () => hs.app.get(Transactions).reader;
  const extremities = async (roomId: string) => {
    const ids = await hs.app.get(EventGraphRepository).forwardExtremities(reader(), roomId);
    return [...(await hs.app.get(EventsRepository).getMany(reader(), ids)).values()].map((r) => ({
      eventId: r.eventId,
      pdu: r.pdu,
    }));
  };
  const currentStateIds = async (roomId: string) =>
    [...(await hs.app.get(RoomStateQuery).current(roomId)).values()].map((e) => e.eventId).sort();

  async function publicRoom(): Promise<string> {
    const { roomId } = await hs.app.get(CreateRoomPerform).create({
      creator: alice,
      roomVersion: '10',
      createContent: {},
      initialEvents: [
        stateEvent('m.room.member', alice, { membership: 'join' }),
        stateEvent('m.room.power_levels', '', { users: { [alice]: 100 } }),
        stateEvent('m.room.join_rules', '', { join_rule: 'public' }),
      ],
    });
    return roomId;
  }

  async function remoteEvent(
    roomId: string,
    sender: string,
    template: EventTemplate,
    prevs?: IdentifiedPdu[],
  ): Promise<IdentifiedPdu> {
    return buildEvent({
      version,
      roomId,
      sender,
      template,
      prevEvents: prevs ?? (await extremities(roomId)),
      authState: await hs.app.get(RoomStateQuery).current(roomId),
      serverName: REMOTE,
      key: remoteKey,
      now: Date.now(),
    });
  }

  const feed = (roomId: string, event: IdentifiedPdu) =>
    hs.app
      .get(RoomInput)
      .input([{ kind: 'new', roomId, pdu: event.pdu, origin: REMOTE }])
      .then(([r]) => r);

  it('places an event whose prev event was rejected, on the state before the rejected one', async () => {
    const roomId = await publicRoom();
    const join = await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' }));
    expect(await feed(roomId, join)).toMatchObject({ outcome: 'accepted' });
    const before = await currentStateIds(roomId);
    const intruder = `@intruder:${REMOTE}`;
    const rejected = await remoteEvent(roomId, intruder, stateEvent('m.room.topic', '', { topic: 'mine' }));
    expect(await feed(roomId, rejected)).toMatchObject({ outcome: 'rejected' });
    const next = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'hi' }), [rejected]);
    expect(await feed(roomId, next)).toMatchObject({ outcome: 'accepted' });
    expect(await currentStateIds(roomId)).toEqual(before);
    const afterNext = await hs.app.get(RoomStateQuery).afterEvent(next.eventId);
    expect([...afterNext.values()].map((e) => e.eventId).sort()).toEqual(before);
  });

  it('drops a pushed event whose prev events cannot be fetched, keeping nothing of it', async () => {
    const roomId = await publicRoom();
    const join = await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' }));
    await feed(roomId, join);
    const unknown = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'never seen' }));
    const next = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'after it' }), [
      unknown,
    ]);
    expect(await feed(roomId, next)).toMatchObject({
      outcome: 'rejected',
      reason: 'prev_events unavailable',
    });
    expect(await hs.app.get(EventsRepository).get(reader(), next.eventId)).toBeNull();
  });

  it('places an event from get_missing_events on the state_ids the sender gives at its unknown prev event', async () => {
    const roomId = await publicRoom();
    const join = await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' }));
    await feed(roomId, join);
    const y = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'y, never sent' }));
    const x = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'x' }), [y]);
    const c = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'c' }), [x]);
    served.set(y.eventId, y.pdu);
    missing = [x.pdu];
    stateIdsAt.set(y.eventId, await currentStateIds(roomId));
    expect(await feed(roomId, c)).toMatchObject({ outcome: 'accepted' });
    const rows = await hs.app.get(EventsRepository).getMany(reader(), [x.eventId, y.eventId]);
    expect(rows.get(x.eventId)).toMatchObject({ outlier: false, rejectedReason: null });
    expect(rows.get(y.eventId)).toMatchObject({ outlier: true });
    // The join stays an extremity: y, which follows it, is only an outlier.
    expect((await extremities(roomId)).map((e) => e.eventId).sort()).toEqual(
      [c.eventId, join.eventId].sort(),
    );
  });

  it('gives a rejected event from get_missing_events the state at its gap, so that what follows it is placed', async () => {
    const roomId = await publicRoom();
    await feed(
      roomId,
      await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' })),
    );
    const y = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'y, never sent' }));
    const x = await remoteEvent(
      roomId,
      `@intruder:${REMOTE}`,
      timelineEvent('m.room.message', { body: 'x' }),
      [y],
    );
    const c = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'c' }), [x]);
    served.set(y.eventId, y.pdu);
    missing = [x.pdu];
    stateIdsAt.set(y.eventId, await currentStateIds(roomId));
    expect(await feed(roomId, c)).toMatchObject({ outcome: 'accepted' });
    const rejected = await hs.app.get(EventsRepository).get(reader(), x.eventId);
    expect(rejected?.rejectedReason).toBeTruthy();
    expect(rejected?.snapshotAfter).not.toBeNull();
  });

  it('fills the gap before a pushed event even when that event is rejected', async () => {
    const roomId = await publicRoom();
    await feed(
      roomId,
      await remoteEvent(roomId, rem, stateEvent('m.room.member', rem, { membership: 'join' })),
    );
    const d = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'd' }));
    const e = await remoteEvent(
      roomId,
      `@intruder:${REMOTE}`,
      timelineEvent('m.room.message', { body: 'e' }),
      [d],
    );
    missing = [d.pdu];
    expect(await feed(roomId, e)).toMatchObject({ outcome: 'rejected' });
    const rows = await hs.app.get(EventsRepository).getMany(reader(), [d.eventId, e.eventId]);
    expect(rows.get(d.eventId)).toMatchObject({ outlier: false, rejectedReason: null });
    expect(rows.get(e.eventId)?.snapshotAfter).not.toBeNull();
    expect((await extremities(roomId)).map((x) => x.eventId)).toEqual([d.eventId]);
  });
});
