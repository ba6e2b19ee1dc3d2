import { JsonObject } from '../events/pdu.types';
import { roomVersion } from '../room-versions/room-versions';
import { stateKey } from '../state/state-map';
import { testEvent } from '../testing/test-event';
import { authEventsNeeded, authStateFromEvents, checkAuthEvents } from './auth-events';
import { ALICE, BOB, DAVE, MOD, VERSIONS } from './rule-cases/harness';

const v1 = roomVersion('1')!;
const v7 = roomVersion('7')!;
const v8 = roomVersion('8')!;
const v12 = roomVersion('12')!;

function keys(
  version = v1,
  type = 'm.room.member',
  stateKeyValue: string | undefined = DAVE,
  content: JsonObject = {},
) {
  return authEventsNeeded(version, { type, sender: BOB, state_key: stateKeyValue, content }).map(
    (k) => `${k.type}|${k.stateKey}`,
  );
}

describe('authEventsNeeded (server-server-api "Auth events selection")', () => {
  test('"The auth_events for the m.room.create event in a room is empty"', () => {
    for (const version of VERSIONS) expect(keys(version, 'm.room.create', '')).toEqual([]);
  });

  test("a message needs the create event, the power levels and the sender's member event", () => {
    expect(keys(v1, 'm.room.message', undefined)).toEqual([
      'm.room.create|',
      'm.room.power_levels|',
      `m.room.member|${BOB}`,
    ]);
  });

  test('room version 12: "The m.room.create event MUST NOT be selected"', () => {
    expect(keys(v12, 'm.room.message', undefined)).toEqual(['m.room.power_levels|', `m.room.member|${BOB}`]);
  });

  test.each(['join', 'invite', 'knock'])(
    "membership %s adds the target's member event and the join rules",
    (m) => {
      expect(keys(v7, 'm.room.member', DAVE, { membership: m })).toEqual([
        'm.room.create|',
        'm.room.power_levels|',
        `m.room.member|${BOB}`,
        `m.room.member|${DAVE}`,
        'm.room.join_rules|',
      ]);
    },
  );

  test.each(['leave', 'ban'])('membership %s adds the target but not the join rules', (m) => {
    expect(keys(v1, 'm.room.member', DAVE, { membership: m })).not.toContain('m.room.join_rules|');
    expect(keys(v1, 'm.room.member', DAVE, { membership: m })).toContain(`m.room.member|${DAVE}`);
  });

  test("the sender's and the target's member event are one entry when they are the same user", () => {
    expect(keys(v1, 'm.room.member', BOB, { membership: 'join' })).toEqual([
      'm.room.create|',
      'm.room.power_levels|',
      `m.room.member|${BOB}`,
      'm.room.join_rules|',
    ]);
  });

  test('a third-party invite adds the m.room.third_party_invite named by signed.token', () => {
    const content = { membership: 'invite', third_party_invite: { signed: { mxid: DAVE, token: 'abc' } } };
    expect(keys(v1, 'm.room.member', DAVE, content)).toContain('m.room.third_party_invite|abc');
  });

  test('a join with join_authorised_via_users_server adds that member event where restricted joins exist', () => {
    const content = { membership: 'join', join_authorised_via_users_server: MOD };
    expect(keys(v8, 'm.room.member', BOB, content)).toContain(`m.room.member|${MOD}`);
    expect(keys(v7, 'm.room.member', BOB, content)).not.toContain(`m.room.member|${MOD}`);
    expect(keys(v8, 'm.room.member', BOB, { ...content, membership: 'invite' })).not.toContain(
      `m.room.member|${MOD}`,
    );
  });

  test('junk member content selects only what every event needs', () => {
    expect(keys(v1, 'm.room.member', DAVE, { membership: 5, third_party_invite: 'x' })).toEqual([
      'm.room.create|',
      'm.room.power_levels|',
      `m.room.member|${BOB}`,
      `m.room.member|${DAVE}`,
    ]);
  });
});

describe('checkAuthEvents', () => {
  test('an m.room.create event is decided by rule 1 alone', () => {
    const create = testEvent({
      type: 'm.room.create',
      sender: ALICE,
      stateKey: '',
      content: { creator: ALICE },
    });
    const other = testEvent({ type: 'm.room.power_levels', sender: ALICE, stateKey: '' });
    expect(checkAuthEvents(v1, create, [other])).toEqual({ allowed: true });
  });

  test('a message event among the auth_events is unexpected', () => {
    const event = testEvent({ type: 'm.room.message', sender: BOB });
    const notState = testEvent({ type: 'm.room.power_levels', sender: ALICE });
    expect(checkAuthEvents(v1, event, [notState])).toMatchObject({ allowed: false, rule: 'v1 2.2' });
  });
});

describe('authStateFromEvents', () => {
  test('keys state events by (type, state_key) and skips anything else', () => {
    const pl = testEvent({ type: 'm.room.power_levels', sender: ALICE, stateKey: '' });
    const msg = testEvent({ type: 'm.room.message', sender: ALICE });
    const state = authStateFromEvents([pl, msg]);
    expect([...state.keys()]).toEqual([stateKey('m.room.power_levels', '')]);
    expect(state.get(stateKey('m.room.power_levels', ''))).toBe(pl);
  });
});
