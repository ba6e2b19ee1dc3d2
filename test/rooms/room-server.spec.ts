import { stateEvent, stateKey, timelineEvent } from '@switchboard/protocol';
import { CreateRoomPerform, RoomStateQuery, SendPerform } from '@switchboard/rooms';
import { EventGraphRepository, EventsRepository, Transactions } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';

describe('room server: create, send, state (ARCHITECTURE.md "One event\'s way")', () => {
  let hs: TestHomeserver;
  const alice = '@alice:test.local';
  const bob = '@bob:test.local';

  beforeAll(async () => {
    hs = await startTestHomeserver();
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const createRoom = (version = '12') =>
    hs.app.get(CreateRoomPerform).create({
      creator: alice,
      roomVersion: version,
      createContent: {},
      initialEvents: [
        stateEvent('m.room.member', alice, { membership: 'join' }),
        // v12 creators have infinite power and may not be listed (rooms/v12 "Authorisation rules").
        stateEvent('m.room.power_levels', '', { users: version === '12' ? {} : { [alice]: 100 } }),
        stateEvent('m.room.join_rules', '', { join_rule: 'public' }),
      ],
    });

  it.each(['1', '3', '10', '11', '12'])(
    'creates a room of version %s with its initial state',
    async (version) => {
      const { roomId } = await createRoom(version);
      const state = await hs.app.get(RoomStateQuery).current(roomId);
      expect([...state.keys()].sort()).toEqual(
        [
          stateKey('m.room.create', ''),
          stateKey('m.room.join_rules', ''),
          stateKey('m.room.member', alice),
          stateKey('m.room.power_levels', ''),
        ].sort(),
      );
      expect((await hs.app.get(RoomStateQuery).version(roomId)).id).toBe(version);
    },
  );

  it('sends messages on top of the forward extremity, each event pointing at the one before', async () => {
    const { roomId } = await createRoom();
    const send = hs.app.get(SendPerform);
    const first = await send.send(
      roomId,
      alice,
      timelineEvent('m.room.message', { msgtype: 'm.text', body: 'one' }),
    );
    const second = await send.send(
      roomId,
      alice,
      timelineEvent('m.room.message', { msgtype: 'm.text', body: 'two' }),
    );
    expect(second.streamOrdering).toBeGreaterThan(first.streamOrdering);
    const events = hs.app.get(EventsRepository);
    const reader = hs.app.get(Transactions).reader;
    expect((await events.get(reader, second.eventId))?.pdu.prev_events).toEqual([first.eventId]);
    expect(await hs.app.get(EventGraphRepository).forwardExtremities(reader, roomId)).toEqual([
      second.eventId,
    ]);
  });

  it('refuses an event the auth rules refuse, with M_FORBIDDEN, storing nothing', async () => {
    const { roomId } = await createRoom();
    const send = hs.app.get(SendPerform);
    await expect(
      send.send(roomId, bob, timelineEvent('m.room.message', { body: 'hi' })),
    ).rejects.toMatchObject({
      errcode: 'M_FORBIDDEN',
      status: 403,
    });
    const joined = await send.send(roomId, bob, stateEvent('m.room.member', bob, { membership: 'join' }));
    await expect(
      send.send(roomId, bob, stateEvent('m.room.name', '', { name: 'mine' })),
    ).rejects.toMatchObject({
      errcode: 'M_FORBIDDEN',
    });
    const reader = hs.app.get(Transactions).reader;
    expect(await hs.app.get(EventGraphRepository).forwardExtremities(reader, roomId)).toEqual([
      joined.eventId,
    ]);
  });

  it('returns the first event for a repeated transaction ID and stores nothing new', async () => {
    const { roomId } = await createRoom();
    const send = hs.app.get(SendPerform);
    const txn = { userId: alice, deviceId: 'DEV', txnId: 't1' };
    const a = await send.send(roomId, alice, timelineEvent('m.room.message', { body: 'x' }), txn);
    const b = await send.send(roomId, alice, timelineEvent('m.room.message', { body: 'x' }), txn);
    expect(b.eventId).toBe(a.eventId);
  });

  it('keeps one DAG when 20 senders write into one room at once', async () => {
    const { roomId } = await createRoom();
    const send = hs.app.get(SendPerform);
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        send.send(roomId, alice, timelineEvent('m.room.message', { body: `m${i}` })),
      ),
    );
    expect(new Set(sent.map((s) => s.eventId)).size).toBe(20);
    const reader = hs.app.get(Transactions).reader;
    expect(await hs.app.get(EventGraphRepository).forwardExtremities(reader, roomId)).toHaveLength(1);
  });

  it('answers M_NOT_FOUND for an unknown room', async () => {
    await expect(
      hs.app.get(SendPerform).send('!nope:test.local', alice, timelineEvent('m.room.message', { body: 'x' })),
    ).rejects.toMatchObject({ errcode: 'M_NOT_FOUND', status: 404 });
  });
});
