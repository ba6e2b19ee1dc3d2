import { JsonObject, JsonValue } from '../../events/pdu.types';
import { RoomVersion } from '../../room-versions/room-version.types';
import { TestRoom } from '../../testing/test-room';
import { authorizeEvent } from '../authorize-event';
import {
  ALICE,
  allows,
  BOB,
  check,
  MOD,
  MOD2,
  rejects,
  RuleCase,
  standardRoom,
  standardUsers,
} from './harness';

type Users = Record<string, JsonValue>;

/** Sends new power levels into a standard room whose power levels add `levels` and `users`. */
function change(
  version: RoomVersion,
  current: { levels?: JsonObject; users?: Users },
  sender: string,
  next: (users: JsonObject) => JsonObject,
): ReturnType<typeof check> {
  const room = standardRoom(version, current);
  return check(room, powerLevels(room, sender, next(standardUsers(version, current.users))));
}

function powerLevels(room: TestRoom, sender: string, content: JsonObject) {
  return room.event({ type: 'm.room.power_levels', sender, stateKey: '', content });
}

/** Alice (creator) replacing the power levels with `extra` added to the standard content. */
function byCreator(version: RoomVersion, extra: JsonObject) {
  return change(version, {}, ALICE, (users) => ({ users, ...extra }));
}

const integers = (v: RoomVersion) => v.integerPowerLevels;
const stringy = (v: RoomVersion) => !v.integerPowerLevels;
const notifications = (v: RoomVersion) => v.notificationsPowerLevels;
const withoutNotifications = (v: RoomVersion) => !v.notificationsPowerLevels;

export const powerLevelsCases: RuleCase[] = [
  allows('powerLevels.integers', 'integer named levels are allowed', (v) =>
    byCreator(v, { ban: 50, kick: -1 }),
  ),
  rejects('powerLevels.integers', 'a named level given as a string is rejected', (v) =>
    byCreator(v, { ban: '50' }),
  ),
  rejects('powerLevels.integers', 'a named level given as a float is rejected', (v) =>
    byCreator(v, { kick: 50.5 }),
  ),
  rejects('powerLevels.integers', 'a named level given as null is rejected', (v) =>
    byCreator(v, { invite: null }),
  ),

  allows('powerLevels.objects', 'events and notifications as objects of integers are allowed', (v) =>
    byCreator(v, { events: { 'm.room.name': 50 }, notifications: { room: 50 } }),
  ),
  rejects('powerLevels.objects', 'an events value given as a string is rejected', (v) =>
    byCreator(v, { events: { 'm.room.name': '50' } }),
  ),
  rejects('powerLevels.objects', 'notifications that is not an object is rejected', (v) =>
    byCreator(v, { notifications: 'room' }),
  ),
  rejects('powerLevels.objects', 'events given as an array is rejected', (v) =>
    byCreator(v, { events: [50] }),
  ),

  allows('powerLevels.users', 'users mapping valid user IDs to integers is allowed', (v) =>
    change(v, {}, ALICE, (users) => ({ users: { ...users, [BOB]: 10 } })),
  ),
  allows(
    'powerLevels.users',
    'a user level given as a string that is an integer is allowed',
    (v) => change(v, {}, ALICE, (users) => ({ users: { ...users, [BOB]: ' +010 ' } })),
    stringy,
  ),
  allows(
    'powerLevels.users',
    'a user level given as a float is allowed where power levels may be floats',
    (v) => change(v, {}, ALICE, (users) => ({ users: { ...users, [BOB]: 50.57 } })),
    (v) => v.canonicalJson === 'v1',
  ),
  rejects('powerLevels.users', 'a users key that is not a user ID is rejected', (v) =>
    change(v, {}, ALICE, (users) => ({ users: { ...users, bob: 10 } })),
  ),
  rejects('powerLevels.users', 'a user level that is not an integer is rejected', (v) =>
    change(v, {}, ALICE, (users) => ({ users: { ...users, [BOB]: 'ten' } })),
  ),
  rejects('powerLevels.users', 'users that is not an object is rejected', (v) =>
    change(v, {}, ALICE, () => ({ users: [BOB] })),
  ),
  rejects(
    'powerLevels.users',
    'a user level given as a string is rejected from v10',
    (v) => change(v, {}, ALICE, (users) => ({ users: { ...users, [BOB]: '10' } })),
    { applies: integers },
  ),
  rejects(
    'powerLevels.users',
    'a user level given as a float is rejected once Canonical JSON forbids floats',
    (v) => change(v, {}, ALICE, (users) => ({ users: { ...users, [BOB]: 50.5 } })),
    { applies: (v) => v.canonicalJson !== 'v1' },
  ),

  allows('powerLevels.creators', 'users without the room creators is allowed', (v) => byCreator(v, {})),
  rejects('powerLevels.creators', 'users listing the sender of the create event is rejected', (v) =>
    change(v, {}, ALICE, (users) => ({ users: { ...users, [ALICE]: 100 } })),
  ),
  rejects('powerLevels.creators', 'users listing an additional creator is rejected', (v) => {
    const room = standardRoom(v, { createContent: { additional_creators: [MOD2] } });
    return check(room, powerLevels(room, ALICE, { users: standardUsers(v) }));
  }),

  allows(
    'powerLevels.noPrevious',
    'the first power levels event is allowed whatever the levels it grants',
    (v) => {
      const room = standardRoom(v);
      const event = powerLevels(room, ALICE, { users: { [BOB]: 1000 }, ban: 1000 });
      return authorizeEvent(v, event, room.stateWithout('m.room.power_levels', ''));
    },
  ),
  rejects(
    'powerLevels.noPrevious',
    'with previous power levels, the changes are checked',
    (v) => change(v, {}, MOD, (users) => ({ users: { ...users, [BOB]: 1000 } })),
    { by: 'powerLevels.users.new' },
  ),

  allows('powerLevels.named.current', 'changing a named level at or below the sender is allowed', (v) =>
    change(v, { levels: { kick: 40 } }, MOD, (users) => ({ users, kick: 45 })),
  ),
  rejects('powerLevels.named.current', "changing a named level above the sender's is rejected", (v) =>
    change(v, { levels: { kick: 75 } }, MOD, (users) => ({ users, kick: 50 })),
  ),
  rejects('powerLevels.named.current', "removing a named level above the sender's is rejected", (v) =>
    change(v, { levels: { ban: 75 } }, MOD, (users) => ({ users })),
  ),
  allows('powerLevels.named.new', "setting a named level to the sender's own is allowed", (v) =>
    change(v, { levels: { kick: 40 } }, MOD, (users) => ({ users, kick: 50 })),
  ),
  allows(
    'powerLevels.named.new',
    'rewriting a stringy named level as the same integer is no alteration',
    (v) => change(v, { levels: { ban: '75' } }, MOD, (users) => ({ users, ban: 75 })),
    stringy,
  ),
  rejects('powerLevels.named.new', "raising a named level above the sender's is rejected", (v) =>
    change(v, {}, MOD, (users) => ({ users, kick: 60 })),
  ),
  rejects(
    'powerLevels.named.new',
    'a named level that is not a power level is rejected',
    (v) => change(v, {}, MOD, (users) => ({ users, kick: 'high' })),
    { applies: stringy },
  ),

  allows('powerLevels.events.current', "removing an events entry at the sender's level is allowed", (v) =>
    change(v, { levels: { events: { 'm.room.topic': 50 } } }, MOD, (users) => ({ users, events: {} })),
  ),
  allows(
    'powerLevels.events.current',
    'notifications are outside the rule before v6: lowering one above the sender is allowed',
    (v) =>
      change(v, { levels: { notifications: { room: 100 } } }, MOD, (users) => ({
        users,
        notifications: { room: 0 },
      })),
    withoutNotifications,
  ),
  rejects(
    'powerLevels.events.current',
    "removing an events entry above the sender's level is rejected",
    (v) =>
      change(v, { levels: { events: { 'm.room.tombstone': 100 } } }, MOD, (users) => ({ users, events: {} })),
  ),
  rejects(
    'powerLevels.events.current',
    "changing an events entry above the sender's level is rejected",
    (v) =>
      change(v, { levels: { events: { 'm.room.tombstone': 100 } } }, MOD, (users) => ({
        users,
        events: { 'm.room.tombstone': 50 },
      })),
  ),
  rejects(
    'powerLevels.events.current',
    "lowering a notifications entry above the sender's level is rejected",
    (v) =>
      change(v, { levels: { notifications: { room: 100 } } }, MOD, (users) => ({
        users,
        notifications: { room: 0 },
      })),
    { applies: notifications },
  ),
  allows('powerLevels.events.new', "adding an events entry at the sender's level is allowed", (v) =>
    change(v, {}, MOD, (users) => ({ users, events: { 'm.room.topic': 50 } })),
  ),
  allows(
    'powerLevels.events.new',
    'notifications are outside the rule before v6: adding one above the sender is allowed',
    (v) => change(v, {}, MOD, (users) => ({ users, notifications: { room: 100 } })),
    withoutNotifications,
  ),
  rejects('powerLevels.events.new', "adding an events entry above the sender's level is rejected", (v) =>
    change(v, {}, MOD, (users) => ({ users, events: { 'm.room.tombstone': 100 } })),
  ),
  rejects(
    'powerLevels.events.new',
    "adding a notifications entry above the sender's level is rejected",
    (v) => change(v, {}, MOD, (users) => ({ users, notifications: { room: 75 } })),
    { applies: notifications },
  ),
  rejects(
    'powerLevels.events.new',
    'events that is not an object is rejected',
    (v) => change(v, {}, MOD, (users) => ({ users, events: 'm.room.name' })),
    { applies: stringy },
  ),

  allows('powerLevels.users.current', "demoting one's own entry is allowed", (v) =>
    change(v, {}, MOD, (users) => ({ users: { ...users, [MOD]: 10 } })),
  ),
  allows('powerLevels.users.current', 'changing a user below the sender is allowed', (v) =>
    change(v, { users: { [BOB]: 10 } }, MOD, (users) => ({ users: { ...users, [BOB]: 20 } })),
  ),
  rejects('powerLevels.users.current', 'changing a user of equal power is rejected', (v) =>
    change(v, {}, MOD, (users) => ({ users: { ...users, [MOD2]: 10 } })),
  ),
  rejects('powerLevels.users.current', 'removing a user of equal power is rejected', (v) =>
    change(v, {}, MOD, (users) => {
      const { [MOD2]: _removed, ...rest } = users;
      return { users: rest };
    }),
  ),
  allows('powerLevels.users.new', "raising a user to the sender's level is allowed", (v) =>
    change(v, {}, MOD, (users) => ({ users: { ...users, [BOB]: 50 } })),
  ),
  rejects('powerLevels.users.new', "raising a user above the sender's level is rejected", (v) =>
    change(v, {}, MOD, (users) => ({ users: { ...users, [BOB]: 60 } })),
  ),
  rejects('powerLevels.users.new', "raising one's own level is rejected", (v) =>
    change(v, {}, MOD, (users) => ({ users: { ...users, [MOD]: 60 } })),
  ),

  allows('powerLevels.allow', "a change within the sender's power is allowed", (v) =>
    change(v, {}, MOD, (users) => ({ users: { ...users, [BOB]: 50 }, events: { 'm.room.topic': 0 } })),
  ),
  allows(
    'powerLevels.allow',
    'a creator has infinite power: any level may be granted',
    (v) => change(v, {}, ALICE, (users) => ({ users: { ...users, [MOD]: 2 ** 53 - 1 }, ban: 9000 })),
    (v) => v.creatorPrivileges,
  ),
  rejects(
    'powerLevels.allow',
    "a change beyond the sender's power is not allowed",
    (v) => change(v, {}, MOD, (users) => ({ users: { ...users, [BOB]: 51 } })),
    { by: 'powerLevels.users.new' },
  ),
];
