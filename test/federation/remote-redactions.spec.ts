import {
  EventTemplate,
  generateSigningKeySeed,
  IdentifiedPdu,
  redactionEvent,
  RoomVersion,
  roomVersion,
  SigningKey,
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
 * Redactions from other servers (SyTest 39redactions "Inbound federation ignores redactions from
 * invalid servers room > v3", "An event which redacts an event in a different room should be
 * ignored"): from v3 a redaction is applied only when its sender may redact or is of the redacted
 * event's server; one naming an event of another room is rejected.
 */
const keys = new Map<string, SigningKey>(
  ['remote.test', 'evil.test'].map((server) => [
    server,
    signingKeyFromSeed(generateSigningKeySeed(), 'ed25519:k'),
  ]),
);
const fakes = {
  keys: {
    get: async (server: string, keyId: string) => {
      const key = keys.get(server);
      return key && key.keyId === keyId ? { key: key.publicKeyBase64 } : undefined;
    },
  } satisfies VerifyKeys,
  fetcher: { event: async () => undefined, missingEvents: async () => [] } satisfies FederationFetcher,
};

describe('redactions from other servers', () => {
  let hs: TestHomeserver;
  const version = roomVersion('10') as RoomVersion;
  const alice = '@alice:test.local';
  const rem = '@rem:remote.test';
  const evil = '@evil:evil.test';

  beforeAll(async () => {
    hs = await startTestHomeserver({}, [fakeRemoteModule(fakes.fetcher, fakes.keys)]);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const reader = () => hs.app.get(Transactions).reader;
  const extremities = async (roomId: string) => {
    const ids = await hs.app.get(EventGraphRepository).forwardExtremities(reader(), roomId);
    return [...(await hs.app.get(EventsRepository).getMany(reader(), ids)).values()].map((r) => ({
      eventId: r.eventId,
      pdu: r.pdu,
    }));
  };

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
  ): Promise<IdentifiedPdu> {
    const serverName = sender.split(':')[1];
    return buildEvent({
      version,
      roomId,
      sender,
      template,
      prevEvents: await extremities(roomId),
      authState: await hs.app.get(RoomStateQuery).current(roomId),
      serverName,
      key: keys.get(serverName)!,
      now: Date.now(),
    });
  }

  const feed = async (roomId: string, event: IdentifiedPdu) =>
    (
      await hs.app
        .get(RoomInput)
        .input([{ kind: 'new', roomId, pdu: event.pdu, origin: event.pdu.sender.split(':')[1] }])
    )[0];
  const redactedBy = async (eventId: string) =>
    (await hs.app.get(EventsRepository).get(reader(), eventId))?.redactedBy;
  const redaction = (redacts: string) => redactionEvent(redacts, {});

  async function roomWithMessage(): Promise<{ roomId: string; message: IdentifiedPdu }> {
    const roomId = await publicRoom();
    for (const user of [rem, evil])
      await feed(
        roomId,
        await remoteEvent(roomId, user, stateEvent('m.room.member', user, { membership: 'join' })),
      );
    const message = await remoteEvent(roomId, rem, timelineEvent('m.room.message', { body: 'mine' }));
    expect(await feed(roomId, message)).toMatchObject({ outcome: 'accepted' });
    return { roomId, message };
  }

  it("does not apply another server's redaction by a user without the power to redact", async () => {
    const { roomId, message } = await roomWithMessage();
    const fake = await remoteEvent(roomId, evil, redaction(message.eventId));
    expect(await feed(roomId, fake)).toMatchObject({ outcome: 'accepted' });
    expect(await redactedBy(message.eventId)).toBeNull();
  });

  it("applies a redaction from the redacted event's own server", async () => {
    const { roomId, message } = await roomWithMessage();
    const own = await remoteEvent(roomId, rem, redaction(message.eventId));
    expect(await feed(roomId, own)).toMatchObject({ outcome: 'accepted' });
    expect(await redactedBy(message.eventId)).toBe(own.eventId);
  });

  it('rejects a redaction of an event of another room', async () => {
    const { message } = await roomWithMessage();
    const { roomId: other } = await roomWithMessage();
    const across = await remoteEvent(other, rem, redaction(message.eventId));
    expect(await feed(other, across)).toMatchObject({ outcome: 'rejected' });
    expect(await redactedBy(message.eventId)).toBeNull();
  });
});
