import { JsonObject, JsonValue } from '../events/pdu.types';
import { RoomVersion } from '../room-versions/room-version.types';
import { roomVersion, ROOM_VERSIONS } from '../room-versions/room-versions';
import { stateKey } from '../state/state-map';
import { testEvent } from '../testing/test-event';
import { parsePowerLevelValue, powerLevelSyntax } from './power-level-value';
import { powerLevelsFromState, powerLevelsOf, roomCreators, userPowerLevel } from './power-levels';

const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const CAROL = '@carol:example.org';
const v = (id: string): RoomVersion => roomVersion(id)!;

function create(version: RoomVersion, content: JsonObject = {}, sender = ALICE) {
  const creator: JsonObject =
    version.eventFormat === 'v1' || version.eventFormat === 'v3' ? { creator: ALICE } : {};
  return testEvent({ type: 'm.room.create', sender, stateKey: '', content: { ...creator, ...content } });
}

function powerLevels(content: JsonObject) {
  return testEvent({ type: 'm.room.power_levels', sender: ALICE, stateKey: '', content });
}

describe('parsePowerLevelValue', () => {
  test.each([
    ['100', 100],
    ['000100', 100],
    ['+100', 100],
    ['-100', -100],
    [' 100 ', 100],
    [' 00100 ', 100],
    [' +100 ', 100],
    [' -100 ', -100],
  ])('v1-stringy-power-levels: %j reads as %d in v1-v9', (value, expected) => {
    for (const id of ['1', '5', '6', '9'])
      expect(parsePowerLevelValue(value, powerLevelSyntax(v(id)))).toBe(expected);
  });

  test.each(['1.5', '1e3', 'abc', '', '--1', '+-1', '0x10', '1 0', '9007199254740993'])(
    'the string %j is no power level in any version',
    (value) => {
      for (const version of ROOM_VERSIONS.values()) {
        expect(parsePowerLevelValue(value, powerLevelSyntax(version))).toBeUndefined();
      }
    },
  );

  test('v10 "power levels MUST NOT be represented as strings"', () => {
    expect(parsePowerLevelValue('100', powerLevelSyntax(v('10')))).toBeUndefined();
    expect(parsePowerLevelValue(100, powerLevelSyntax(v('10')))).toBe(100);
  });

  test('v1-floaty-power-levels: "5.114698E4 becomes 51146.98", then "truncated at the decimal point"', () => {
    expect(parsePowerLevelValue(5.114698e4, powerLevelSyntax(v('1')))).toBe(51146);
    expect(parsePowerLevelValue(50.57, powerLevelSyntax(v('5')))).toBe(50);
    expect(parsePowerLevelValue(-0.5, powerLevelSyntax(v('5')))).toBe(-0);
  });

  test('floats are no power levels once Canonical JSON forbids them (v6)', () => {
    for (const id of ['6', '9', '10', '12'])
      expect(parsePowerLevelValue(50.57, powerLevelSyntax(v(id)))).toBeUndefined();
  });

  test('integers outside [-(2**53)+1, (2**53)-1] are no power levels from v6', () => {
    expect(parsePowerLevelValue(2 ** 53, powerLevelSyntax(v('10')))).toBeUndefined();
    expect(parsePowerLevelValue(2 ** 53 - 1, powerLevelSyntax(v('10')))).toBe(2 ** 53 - 1);
  });

  test.each([true, null, [], {}, undefined])('%j is no power level', (value) => {
    for (const version of ROOM_VERSIONS.values()) {
      expect(parsePowerLevelValue(value, powerLevelSyntax(version))).toBeUndefined();
    }
  });
});

describe('userPowerLevel', () => {
  test('"If the room contains no m.room.power_levels event, the room\'s creator has a power level of 100"', () => {
    for (const id of ['1', '10', '11']) {
      const state = new Map([[stateKey('m.room.create', ''), create(v(id))]]);
      expect(userPowerLevel(v(id), state, ALICE)).toBe(100);
      expect(userPowerLevel(v(id), state, BOB)).toBe(0);
    }
  });

  test('up to v10 the creator is content.creator, from v11 the sender of the create event', () => {
    const event = create(v('10'), { creator: BOB }, ALICE);
    expect(powerLevelsOf(v('10'), event, undefined).userPowerLevel(BOB)).toBe(100);
    expect(powerLevelsOf(v('10'), event, undefined).userPowerLevel(ALICE)).toBe(0);
    expect(powerLevelsOf(v('11'), event, undefined).userPowerLevel(ALICE)).toBe(100);
    expect(powerLevelsOf(v('11'), event, undefined).userPowerLevel(BOB)).toBe(0);
  });

  test('v12: the sender and additional_creators have infinite power, with or without power levels', () => {
    const event = create(v('12'), { additional_creators: [BOB] });
    const noLevels = powerLevelsOf(v('12'), event, undefined);
    const levels = powerLevelsOf(v('12'), event, powerLevels({ users: { [CAROL]: 50 }, users_default: 10 }));
    for (const pl of [noLevels, levels]) {
      expect(pl.userPowerLevel(ALICE)).toBe(Number.POSITIVE_INFINITY);
      expect(pl.userPowerLevel(BOB)).toBe(Number.POSITIVE_INFINITY);
    }
    expect(noLevels.userPowerLevel(CAROL)).toBe(0);
    expect(levels.userPowerLevel(CAROL)).toBe(50);
    expect(levels.userPowerLevel('@dave:example.org')).toBe(10);
  });

  test('additional_creators have no privileges before v12', () => {
    expect([...roomCreators(v('11'), create(v('11'), { additional_creators: [BOB] }))]).toEqual([ALICE]);
  });

  test('users, then users_default, then 0', () => {
    const state = new Map([
      [stateKey('m.room.create', ''), create(v('10'))],
      [stateKey('m.room.power_levels', ''), powerLevels({ users: { [BOB]: 42 } })],
    ]);
    expect(userPowerLevel(v('10'), state, BOB)).toBe(42);
    expect(userPowerLevel(v('10'), state, ALICE)).toBe(0);
    const withDefault = powerLevelsOf(v('10'), undefined, powerLevels({ users_default: 7 }));
    expect(withDefault.userPowerLevel(ALICE)).toBe(7);
  });

  test('v1-floaty-power-levels example: "@bob:localhost" 50.57 and "@alice:localhost" 50 have the same level', () => {
    const pl = powerLevelsOf(
      v('1'),
      undefined,
      powerLevels({ users: { '@alice:localhost': 50, '@bob:localhost': 50.57 } }),
    );
    expect(pl.userPowerLevel('@bob:localhost')).toBe(pl.userPowerLevel('@alice:localhost'));
  });

  test('v1-stringy-power-levels example content reads as integers', () => {
    const content: Record<string, JsonValue> = {
      ban: '50',
      events: { 'm.room.power_levels': '100' },
      events_default: '0',
      state_default: '50',
      users: { '@example:localhost': '100' },
      users_default: '0',
    };
    const pl = powerLevelsOf(v('9'), undefined, powerLevels(content));
    expect(pl.userPowerLevel('@example:localhost')).toBe(100);
    expect(pl.level('ban')).toBe(50);
    expect(pl.requiredPowerLevel('m.room.power_levels', true)).toBe(100);
    const strict = powerLevelsOf(v('10'), undefined, powerLevels(content));
    expect(strict.userPowerLevel('@example:localhost')).toBe(0);
    expect(strict.requiredPowerLevel('m.room.power_levels', true)).toBe(50);
  });
});

describe('named, required and notification levels', () => {
  const none = powerLevelsOf(v('10'), undefined, undefined);
  const set = powerLevelsOf(
    v('10'),
    undefined,
    powerLevels({
      ban: 1,
      kick: 2,
      redact: 3,
      invite: 4,
      state_default: 5,
      events_default: 6,
      events: { 'm.room.name': 7 },
      notifications: { room: 8, x: 9 },
    }),
  );

  test('defaults: ban, kick and redact 50, invite 0, state_default 50, events_default 0', () => {
    expect([none.level('ban'), none.level('kick'), none.level('redact'), none.level('invite')]).toEqual([
      50, 50, 50, 0,
    ]);
    expect(none.requiredPowerLevel('m.room.name', true)).toBe(50);
    expect(none.requiredPowerLevel('m.room.message', false)).toBe(0);
  });

  test('explicit values win; events overrides state_default and events_default', () => {
    expect([set.level('ban'), set.level('kick'), set.level('redact'), set.level('invite')]).toEqual([
      1, 2, 3, 4,
    ]);
    expect(set.requiredPowerLevel('m.room.name', true)).toBe(7);
    expect(set.requiredPowerLevel('m.room.name', false)).toBe(7);
    expect(set.requiredPowerLevel('m.room.topic', true)).toBe(5);
    expect(set.requiredPowerLevel('m.room.message', false)).toBe(6);
  });

  test('"notifications.room ... Defaults to 50"; other keys have no default', () => {
    expect(none.notificationPowerLevel('room')).toBe(50);
    expect(none.notificationPowerLevel('x')).toBeUndefined();
    expect(set.notificationPowerLevel('room')).toBe(8);
    expect(set.notificationPowerLevel('x')).toBe(9);
  });

  test('unreadable values read as absent', () => {
    const junk = powerLevelsOf(
      v('10'),
      undefined,
      powerLevels({ ban: 'x', events: [1], users: 'y', notifications: { room: '1' } }),
    );
    expect(junk.level('ban')).toBe(50);
    expect(junk.requiredPowerLevel('0', true)).toBe(50);
    expect(junk.notificationPowerLevel('room')).toBe(50);
    expect(junk.userPowerLevel(ALICE)).toBe(0);
  });
});

describe('caching', () => {
  test('the same events give the same PowerLevels object; another create event does not', () => {
    const c = create(v('10'));
    const pl = powerLevels({ users: { [BOB]: 1 } });
    const state = new Map([
      [stateKey('m.room.create', ''), c],
      [stateKey('m.room.power_levels', ''), pl],
    ]);
    expect(powerLevelsFromState(v('10'), state)).toBe(powerLevelsFromState(v('10'), state));
    expect(powerLevelsOf(v('10'), create(v('10')), pl)).not.toBe(powerLevelsFromState(v('10'), state));
    expect(powerLevelsOf(v('9'), c, pl)).not.toBe(powerLevelsFromState(v('10'), state));
  });
});
