import { localpartOf } from '@switchboard/protocol';
import { EventsRepository, Transactions } from '@switchboard/storage';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser } from './rooms-client';

describe('client-server-api "Getting events for a room" and history visibility', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
    [alice, bob, carol] = [await api.user('alice'), await api.user('bob'), await api.user('carol')];
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const say = async (user: TestUser, roomId: string, body: string) =>
    (await user.call('PUT', `${room(roomId)}/send/m.room.message/${body}`, { msgtype: 'm.text', body })).body
      .event_id as string;
  const getEvent = (user: TestUser, roomId: string, eventId: string) =>
    user.call('GET', `${room(roomId)}/event/${encodeURIComponent(eventId)}`);
  const members = async (user: TestUser, roomId: string, query = '') => {
    const res = await user.call('GET', `${room(roomId)}/members${query}`);
    return (res.body.chunk as { state_key: string; content: { membership: string } }[]).map(
      (e) => `${e.state_key}=${e.content.membership}`,
    );
  };

  describe('GET /rooms/{roomId}/event/{eventId} and history_visibility', () => {
    it('joined: a new member cannot see events from before their join, but can see their own join', async () => {
      const roomId = await api.createRoom(alice, {
        preset: 'public_chat',
        initial_state: [{ type: 'm.room.history_visibility', content: { history_visibility: 'joined' } }],
      });
      const before = await say(alice, roomId, 'before');
      await bob.call('POST', `${room(roomId)}/join`);
      const after = await say(alice, roomId, 'after');
      expectError(await getEvent(bob, roomId, before), 404, 'M_NOT_FOUND');
      expect((await getEvent(bob, roomId, after)).status).toBe(200);
      const join = await bob.call(
        'GET',
        `${room(roomId)}/state/m.room.member/${encodeURIComponent(bob.id)}?format=event`,
      );
      expect((await getEvent(bob, roomId, join.body.event_id as string)).status).toBe(200);
    });

    it('shared: a new member sees earlier history; a departed member keeps what came before the leave only', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      const early = await say(alice, roomId, 'early');
      await bob.call('POST', `${room(roomId)}/join`);
      expect((await getEvent(bob, roomId, early)).status).toBe(200);
      await bob.call('POST', `${room(roomId)}/leave`);
      const late = await say(alice, roomId, 'late');
      expect((await getEvent(bob, roomId, early)).status).toBe(200);
      expectError(await getEvent(bob, roomId, late), 404, 'M_NOT_FOUND');
      expectError(await getEvent(carol, roomId, early), 404, 'M_NOT_FOUND');
    });

    it('invited: an invitee sees events from the invite on', async () => {
      const roomId = await api.createRoom(alice, {
        initial_state: [{ type: 'm.room.history_visibility', content: { history_visibility: 'invited' } }],
      });
      const before = await say(alice, roomId, 'before');
      await alice.call('POST', `${room(roomId)}/invite`, { user_id: carol.id });
      const after = await say(alice, roomId, 'after');
      await carol.call('POST', `${room(roomId)}/join`);
      expectError(await getEvent(carol, roomId, before), 404, 'M_NOT_FOUND');
      expect((await getEvent(carol, roomId, after)).status).toBe(200);
    });

    it('world_readable: anyone may read events and state', async () => {
      const roomId = await api.createRoom(alice, {
        name: 'Open',
        initial_state: [
          { type: 'm.room.history_visibility', content: { history_visibility: 'world_readable' } },
        ],
      });
      const said = await say(alice, roomId, 'public');
      expect((await getEvent(carol, roomId, said)).body).toMatchObject({ content: { body: 'public' } });
      expect((await carol.call('GET', `${room(roomId)}/state/m.room.name`)).body).toEqual({ name: 'Open' });
      expect(await members(carol, roomId)).toEqual([`${alice.id}=join`]);
    });

    it('unknown or malformed events and rooms', async () => {
      const roomId = await api.createRoom(alice, {});
      const other = await api.createRoom(alice, {});
      const elsewhere = await say(alice, other, 'elsewhere');
      expectError(await getEvent(alice, roomId, `$${'A'.repeat(43)}`), 404, 'M_NOT_FOUND');
      expectError(await getEvent(alice, roomId, elsewhere), 404, 'M_NOT_FOUND');
      expectError(await getEvent(alice, '!nope:test.local', elsewhere), 404, 'M_NOT_FOUND');
      expectError(await getEvent(alice, roomId, 'bad'), 400, 'M_INVALID_PARAM');
    });
  });

  describe('GET /rooms/{roomId}/state and /state/{eventType}/{stateKey}', () => {
    it('serves the current state to members; content or the whole event; 404 for absent state', async () => {
      const roomId = await api.createRoom(alice, { name: 'Readable' });
      const state = await api.state(alice, roomId);
      expect(state.map((e) => e.type)).toEqual(
        expect.arrayContaining(['m.room.create', 'm.room.power_levels', 'm.room.name']),
      );
      for (const e of state)
        expect(e).toMatchObject({
          room_id: roomId,
          event_id: expect.any(String),
          state_key: expect.any(String),
        });
      expect((await alice.call('GET', `${room(roomId)}/state/m.room.name/`)).body).toEqual({
        name: 'Readable',
      });
      const full = await alice.call('GET', `${room(roomId)}/state/m.room.name?format=event`);
      expect(full.body).toMatchObject({
        type: 'm.room.name',
        state_key: '',
        sender: alice.id,
        content: { name: 'Readable' },
      });
      expectError(await alice.call('GET', `${room(roomId)}/state/m.room.topic`), 404, 'M_NOT_FOUND');
      expectError(
        await alice.call('GET', `${room(roomId)}/state/m.room.name?format=xml`),
        400,
        'M_INVALID_PARAM',
      );
    });

    it('403 M_FORBIDDEN for users who never were members; 404 for unknown rooms', async () => {
      const roomId = await api.createRoom(alice, { name: 'Private' });
      expectError(await carol.call('GET', `${room(roomId)}/state`), 403, 'M_FORBIDDEN');
      expectError(await carol.call('GET', `${room(roomId)}/state/m.room.name`), 403, 'M_FORBIDDEN');
      expectError(await carol.call('GET', `${room(roomId)}/members`), 403, 'M_FORBIDDEN');
      expectError(await carol.call('GET', `${room('!nope:test.local')}/state`), 404, 'M_NOT_FOUND');
    });

    it('a departed member reads the state as it was when they left', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat', name: 'Before' });
      await bob.call('POST', `${room(roomId)}/join`);
      await bob.call('POST', `${room(roomId)}/leave`);
      await alice.call('PUT', `${room(roomId)}/state/m.room.name/`, { name: 'After' });
      expect((await bob.call('GET', `${room(roomId)}/state/m.room.name`)).body).toEqual({ name: 'Before' });
      const names = (await api.state(bob, roomId)).filter((e) => e.type === 'm.room.name');
      expect(names.map((e) => e.content)).toEqual([{ name: 'Before' }]);
      expect(await members(bob, roomId)).toEqual([`${alice.id}=join`, `${bob.id}=leave`].sort());
    });
  });

  describe('GET /rooms/{roomId}/members and /joined_members', () => {
    it('filters by membership and not_membership ("or" when both are given)', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      await bob.call('POST', `${room(roomId)}/join`);
      await alice.call('POST', `${room(roomId)}/invite`, { user_id: carol.id });
      const all = [`${alice.id}=join`, `${bob.id}=join`, `${carol.id}=invite`];
      expect((await members(alice, roomId)).sort()).toEqual([...all].sort());
      expect((await members(alice, roomId, '?membership=invite')).sort()).toEqual([`${carol.id}=invite`]);
      expect((await members(alice, roomId, '?not_membership=invite')).sort()).toEqual(
        [`${alice.id}=join`, `${bob.id}=join`].sort(),
      );
      expect((await members(alice, roomId, '?membership=invite&not_membership=join')).sort()).toEqual([
        `${carol.id}=invite`,
      ]);
      expect((await members(alice, roomId, '?membership=invite&not_membership=leave')).sort()).toEqual(
        [...all].sort(),
      );
      expectError(
        await alice.call('GET', `${room(roomId)}/members?membership=lurking`),
        400,
        'M_INVALID_PARAM',
      );
    });

    it('`at` gives the members at an earlier point; a departed member never sees past their leave', async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      const before = await say(alice, roomId, 'before-bob');
      await bob.call('POST', `${room(roomId)}/join`);
      // A pagination token: "t" and the stream position of the event it follows.
      const position = (await hs.app.get(EventsRepository).get(hs.app.get(Transactions).reader, before))
        ?.streamOrdering;
      const at = `?at=t${position}`;
      expect(await members(alice, roomId, at)).toEqual([`${alice.id}=join`]);
      expect((await members(alice, roomId)).sort()).toEqual([`${alice.id}=join`, `${bob.id}=join`].sort());
      await bob.call('POST', `${room(roomId)}/leave`);
      await carol.call('POST', `${room(roomId)}/join`);
      const latest = await say(alice, roomId, 'after-carol');
      const now = (await hs.app.get(EventsRepository).get(hs.app.get(Transactions).reader, latest))
        ?.streamOrdering;
      expect((await members(bob, roomId, `?at=t${now}`)).sort()).toEqual(
        [`${alice.id}=join`, `${bob.id}=leave`].sort(),
      );
      expect(await members(alice, roomId, `${at}&membership=join`)).toEqual([`${alice.id}=join`]);
      expectError(await alice.call('GET', `${room(roomId)}/members?at=yesterday`), 400, 'M_INVALID_PARAM');
    });

    it('joined_members maps joined users to their profile; outsiders get 403', async () => {
      await alice.call('PUT', `/_matrix/client/v3/profile/${encodeURIComponent(alice.id)}/displayname`, {
        displayname: 'Alice',
      });
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      await bob.call('POST', `${room(roomId)}/join`);
      await alice.call('POST', `${room(roomId)}/invite`, { user_id: carol.id });
      const joined = await bob.call('GET', `${room(roomId)}/joined_members`);
      expect(joined).toEqual({
        status: 200,
        // A user who never set a display name has their localpart, as on Synapse.
        body: {
          joined: {
            [alice.id]: { display_name: 'Alice', avatar_url: null },
            [bob.id]: { display_name: localpartOf(bob.id), avatar_url: null },
          },
        },
      });
      expectError(await carol.call('GET', `${room(roomId)}/joined_members`), 403, 'M_FORBIDDEN');
    });
  });
});
