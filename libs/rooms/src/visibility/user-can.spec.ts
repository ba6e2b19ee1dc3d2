import { IdentifiedPdu, stateKey } from '@switchboard/protocol';
import { testEvent } from '@switchboard/protocol/testing';
import { allowedByState, canSeeEvent, historyVisibilityOf, joinedAfter } from './user-can';

const alice = '@alice:example.org';
const bob = '@bob:example.org';

function state(
  visibility: string | undefined,
  members: Record<string, string> = {},
): Map<string, IdentifiedPdu> {
  const s = new Map<string, IdentifiedPdu>();
  if (visibility !== undefined) {
    s.set(
      stateKey('m.room.history_visibility', ''),
      testEvent({
        type: 'm.room.history_visibility',
        sender: alice,
        stateKey: '',
        content: { history_visibility: visibility },
      }),
    );
  }
  for (const [user, membership] of Object.entries(members)) {
    s.set(
      stateKey('m.room.member', user),
      testEvent({ type: 'm.room.member', sender: user, stateKey: user, content: { membership } }),
    );
  }
  return s;
}

const message = testEvent({ type: 'm.room.message', sender: alice, content: { body: 'hi' } });

describe('history_visibility "Server behaviour"', () => {
  it('assumes shared when unset or not understood', () => {
    expect(historyVisibilityOf(state(undefined))).toBe('shared');
    expect(historyVisibilityOf(state('everyone'))).toBe('shared');
    expect(historyVisibilityOf(state('joined'))).toBe('joined');
  });

  it('1. world_readable: allow anyone', () => {
    expect(allowedByState(bob, state('world_readable'), false)).toBe(true);
  });

  it.each(['shared', 'invited', 'joined'])('2. membership join: allow (%s)', (v) => {
    expect(allowedByState(bob, state(v, { [bob]: 'join' }), false)).toBe(true);
  });

  it('3. shared: allow when the user joined at any point after the event', () => {
    expect(allowedByState(bob, state('shared'), true)).toBe(true);
    expect(allowedByState(bob, state('shared'), false)).toBe(false);
    expect(allowedByState(bob, state('joined'), true)).toBe(false);
  });

  it('4. invite under invited: allow; under joined: deny', () => {
    expect(allowedByState(bob, state('invited', { [bob]: 'invite' }), false)).toBe(true);
    expect(allowedByState(bob, state('joined', { [bob]: 'invite' }), false)).toBe(false);
  });

  it('5. otherwise deny: left, banned, knocking, never a member', () => {
    for (const m of ['leave', 'ban', 'knock']) {
      expect(allowedByState(bob, state('invited', { [bob]: m }), false)).toBe(false);
    }
    expect(allowedByState(bob, state('joined'), false)).toBe(false);
  });

  it('lets a user see their own member event when the membership before or after allows it', () => {
    const join = testEvent({
      type: 'm.room.member',
      sender: bob,
      stateKey: bob,
      content: { membership: 'join' },
    });
    expect(canSeeEvent(bob, join, state('joined'), false)).toBe(true);
    const leave = testEvent({
      type: 'm.room.member',
      sender: bob,
      stateKey: bob,
      content: { membership: 'leave' },
    });
    expect(canSeeEvent(bob, leave, state('joined', { [bob]: 'join' }), false)).toBe(true);
    const other = testEvent({
      type: 'm.room.member',
      sender: alice,
      stateKey: alice,
      content: { membership: 'join' },
    });
    expect(canSeeEvent(bob, other, state('joined'), false)).toBe(false);
  });

  it('lets anyone see a history_visibility change to or from world_readable', () => {
    const toJoined = testEvent({
      type: 'm.room.history_visibility',
      sender: alice,
      stateKey: '',
      content: { history_visibility: 'joined' },
    });
    expect(canSeeEvent(bob, toJoined, state('world_readable'), false)).toBe(true);
    const toWorld = testEvent({
      type: 'm.room.history_visibility',
      sender: alice,
      stateKey: '',
      content: { history_visibility: 'world_readable' },
    });
    expect(canSeeEvent(bob, toWorld, state('joined'), false)).toBe(true);
    expect(canSeeEvent(bob, message, state('joined'), false)).toBe(false);
  });
});

describe('joinedAfter (rule 3 from the stored membership)', () => {
  it('is true for a joined user', () => {
    expect(joinedAfter(10, { current: 'join', previous: 'invite', position: 5 })).toBe(true);
  });

  it('is true for events before a leave straight from join, false after it', () => {
    const left = { current: 'leave', previous: 'join', position: 20 };
    expect(joinedAfter(10, left)).toBe(true);
    expect(joinedAfter(30, left)).toBe(false);
  });

  it('is false for a rejected invite and for a user never in the room', () => {
    expect(joinedAfter(10, { current: 'leave', previous: 'invite', position: 20 })).toBe(false);
    expect(joinedAfter(10, undefined)).toBe(false);
  });
});
