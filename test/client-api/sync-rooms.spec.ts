import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { ids, syncClient, TestUser } from './sync-client';

describe('client-server-api "Syncing": the rooms stream', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const stateTypes = (room: Json) =>
    (room.state.events as Json[]).map((e) => `${e.type}|${e.state_key}`).sort();

  it('an initial sync has every joined room with its timeline, the state before it, and a summary', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const hello = await c.say(roomId, alice, 'hello');

    const body = await c.sync(alice);
    expect(body.next_batch).toMatch(/^s[A-Za-z0-9._~-]+$/);
    const room = body.rooms.join[roomId];
    expect(ids(room.timeline.events)).toContain(hello.eventId);
    expect(room.timeline.limited).toBe(false);
    expect(typeof room.timeline.prev_batch).toBe('string');
    // The create event opens the timeline, so the state before it is empty.
    expect(room.timeline.events[0].type).toBe('m.room.create');
    expect(room.state.events).toEqual([]);
    expect(room.timeline.events.every((e: Json) => e.room_id === undefined)).toBe(true);
    expect(room.summary).toEqual({ 'm.heroes': [], 'm.joined_member_count': 1, 'm.invited_member_count': 0 });
  });

  it('a timeline limit leaves the earlier state in `state` and marks the timeline limited', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    for (let i = 0; i < 5; i++) await c.say(roomId, alice, `m${i}`);
    const body = await c.sync(alice, { filter: JSON.stringify({ room: { timeline: { limit: 3 } } }) });
    const room = body.rooms.join[roomId];
    expect(room.timeline.events.map((e: Json) => e.content.body)).toEqual(['m2', 'm3', 'm4']);
    expect(room.timeline.limited).toBe(true);
    expect(stateTypes(room)).toEqual([
      'm.room.create|',
      'm.room.history_visibility|',
      'm.room.join_rules|',
      `m.room.member|${alice.userId}`,
      'm.room.power_levels|',
    ]);
  });

  it('an incremental sync has only the new events and the state they change', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    const first = await c.sync(bob);
    expect(first.rooms.join[roomId]).toBeDefined();

    const named = await c.sendState(roomId, alice, 'm.room.name', '', { name: 'Lounge' });
    const said = await c.say(roomId, alice, 'after the name');
    const next = await c.sync(bob, { since: first.next_batch });
    const room = next.rooms.join[roomId];
    expect(ids(room.timeline.events)).toEqual([named.eventId, said.eventId]);
    expect(room.timeline.limited).toBe(false);
    expect(room.state.events).toEqual([]);

    const quiet = await c.sync(bob, { since: next.next_batch });
    expect(quiet.rooms?.join?.[roomId]).toBeUndefined();
  });

  it('a limited incremental sync puts state changes of the gap in `state`', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const first = await c.sync(alice);
    const topic = await c.sendState(roomId, alice, 'm.room.topic', '', { topic: 'gap' });
    for (let i = 0; i < 4; i++) await c.say(roomId, alice, `m${i}`);
    const next = await c.sync(alice, {
      since: first.next_batch,
      filter: JSON.stringify({ room: { timeline: { limit: 2 } } }),
    });
    const room = next.rooms.join[roomId];
    expect(room.timeline.limited).toBe(true);
    expect(ids(room.state.events)).toEqual([topic.eventId]);
  });

  it('a timeline type filter still delivers the state changes it hides, in `state`', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const first = await c.sync(alice);
    const named = await c.sendState(roomId, alice, 'm.room.name', '', { name: 'hidden' });
    const said = await c.say(roomId, alice, 'shown');
    const next = await c.sync(alice, {
      since: first.next_batch,
      filter: JSON.stringify({ room: { timeline: { types: ['m.room.message'] } } }),
    });
    const room = next.rooms.join[roomId];
    expect(ids(room.timeline.events)).toEqual([said.eventId]);
    expect(ids(room.state.events)).toEqual([named.eventId]);
  });

  it('an invite appears in rooms.invite with stripped state; joining moves the room to rooms.join with its full state', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.sendState(roomId, alice, 'm.room.name', '', { name: 'Invite only' });
    const before = await c.sync(bob);
    await c.membership(roomId, alice, bob.userId, 'invite');

    const invited = await c.sync(bob, { since: before.next_batch });
    const inviteState = invited.rooms.invite[roomId].invite_state.events as Json[];
    expect(inviteState.map((e) => e.type).sort()).toEqual([
      'm.room.create',
      'm.room.join_rules',
      'm.room.member',
      'm.room.member',
      'm.room.name',
    ]);
    expect(inviteState.every((e) => Object.keys(e).sort().join() === 'content,sender,state_key,type')).toBe(
      true,
    );
    expect(inviteState.find((e) => e.state_key === bob.userId)?.content.membership).toBe('invite');

    const joined = await c.join(roomId, bob);
    const after = await c.sync(bob, { since: invited.next_batch });
    expect(after.rooms.invite).toBeUndefined();
    const room = after.rooms.join[roomId];
    expect(ids(room.timeline.events)).toContain(joined.eventId);
    const stateAndTimeline = [...room.state.events, ...room.timeline.events].map((e: Json) => e.type);
    expect(stateAndTimeline).toEqual(
      expect.arrayContaining(['m.room.create', 'm.room.name', 'm.room.power_levels']),
    );
    expect(room.summary['m.joined_member_count']).toBe(2);
    // A named room needs no heroes (they are "Required if the room's m.room.name [...] is unset").
    expect(room.summary['m.heroes']).toBeUndefined();
  });

  it('leaving moves the room to rooms.leave with the timeline up to the leave, and later events stay hidden', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    const first = await c.sync(bob);
    const said = await c.say(roomId, alice, 'bye bob');
    const left = await c.membership(roomId, bob, bob.userId, 'leave');
    await c.say(roomId, alice, 'bob is gone');

    const next = await c.sync(bob, { since: first.next_batch });
    expect(next.rooms.join?.[roomId]).toBeUndefined();
    expect(ids(next.rooms.leave[roomId].timeline.events)).toEqual([said.eventId, left.eventId]);

    const initial = await c.sync(bob);
    expect(initial.rooms?.leave?.[roomId]).toBeUndefined();
    const archived = await c.sync(bob, { filter: JSON.stringify({ room: { include_leave: true } }) });
    const events = archived.rooms.leave[roomId].timeline.events as Json[];
    expect(events[events.length - 1].event_id).toBe(left.eventId);
  });

  it('a rejected invite shows only the leave in rooms.leave', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.membership(roomId, alice, bob.userId, 'invite');
    const first = await c.sync(bob);
    await c.say(roomId, alice, 'private');
    const rejected = await c.membership(roomId, bob, bob.userId, 'leave');
    const next = await c.sync(bob, { since: first.next_batch });
    expect(ids(next.rooms.leave[roomId].timeline.events)).toEqual([rejected.eventId]);
    expect(next.rooms.leave[roomId].state.events).toEqual([]);
  });

  it('a display name change of the syncing user is a timeline event, not a new join', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const first = await c.sync(alice);
    const renamed = await c.sendState(roomId, alice, 'm.room.member', alice.userId, {
      membership: 'join',
      displayname: 'Alice',
    });
    const room = (await c.sync(alice, { since: first.next_batch })).rooms.join[roomId];
    expect(ids(room.timeline.events)).toEqual([renamed.eventId]);
    expect(room.state.events).toEqual([]);
  });

  it('a knock appears in rooms.knock with stripped state', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.sendState(roomId, alice, 'm.room.join_rules', '', { join_rule: 'knock' });
    const first = await c.sync(bob);
    await c.membership(roomId, bob, bob.userId, 'knock');
    const next = await c.sync(bob, { since: first.next_batch });
    const knockState = next.rooms.knock[roomId].knock_state.events as Json[];
    expect(knockState.find((e) => e.type === 'm.room.join_rules')?.content.join_rule).toBe('knock');
    expect(knockState.find((e) => e.state_key === bob.userId)?.content.membership).toBe('knock');
  });

  it('use_state_after puts the state at the END of the timeline in state_after and omits state', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const first = await c.sync(alice, { use_state_after: true });
    const initial = first.rooms.join[roomId];
    expect(initial.state).toBeUndefined();
    expect(stateTypes({ state: initial.state_after })).toContain('m.room.create|');

    const named = await c.sendState(roomId, alice, 'm.room.name', '', { name: 'After' });
    const said = await c.say(roomId, alice, 'then this');
    const room = (await c.sync(alice, { since: first.next_batch, use_state_after: true })).rooms.join[roomId];
    expect(ids(room.timeline.events)).toEqual([named.eventId, said.eventId]);
    expect(room.state).toBeUndefined();
    expect(ids(room.state_after.events)).toEqual([named.eventId]);
  });

  it('full_state returns every joined room with its whole state even when nothing is new', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const first = await c.sync(alice);
    const again = await c.sync(alice, { since: first.next_batch, full_state: true, timeout: 10_000 });
    const room = again.rooms.join[roomId];
    expect(room.timeline.events).toEqual([]);
    expect(stateTypes(room)).toContain('m.room.create|');
  });

  it('long-polls until another user sends, then answers with that event', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
    const first = await c.sync(bob);
    const started = Date.now();
    const waiting = c.sync(bob, { since: first.next_batch, timeout: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    const said = await c.say(roomId, alice, 'wake up');
    const sentAt = Date.now();
    const woke = await waiting;
    expect(ids(woke.rooms.join[roomId].timeline.events)).toEqual([said.eventId]);
    expect(Date.now() - sentAt).toBeLessThan(2_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a long-poll with nothing for the user returns empty after the timeout, with a usable token', async () => {
    const alice = await c.user('alice');
    const other = await c.user('other');
    const otherRoom = await c.createRoom(other);
    const first = await c.sync(alice);
    const waiting = c.sync(alice, { since: first.next_batch, timeout: 600 });
    await c.say(otherRoom, other, 'not for alice');
    const body = await waiting;
    expect(body.rooms?.join ?? {}).toEqual({});
    expect(body.next_batch).toMatch(/^s/);
  });

  it('lazy-loads members: only the senders of the timeline and the user', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    const others: TestUser[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await c.user('m');
      others.push(u);
      await c.join(roomId, u);
    }
    await c.say(roomId, others[0], 'one');
    await c.say(roomId, others[1], 'two');
    const filter = JSON.stringify({ room: { timeline: { limit: 2 }, state: { lazy_load_members: true } } });
    const room = (await c.sync(alice, { filter })).rooms.join[roomId];
    const members = (room.state.events as Json[])
      .filter((e) => e.type === 'm.room.member')
      .map((e) => e.state_key);
    expect(members.sort()).toEqual([alice.userId, others[0].userId, others[1].userId].sort());
    expect(room.summary['m.joined_member_count']).toBe(4);
  });
});
