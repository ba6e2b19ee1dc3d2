import { JsonObject } from '../../events/pdu.types';
import { RoomVersion } from '../../room-versions/room-version.types';
import { IdentifiedPdu, stateKey } from '../../state/state-map';
import { testEvent, TestEventInit } from '../../testing/test-event';
import { TestRoom } from '../../testing/test-room';
import { checkAuthEvents } from '../auth-events';
import { authorizeEvent } from '../authorize-event';
import {
  ALICE,
  allows,
  BOB,
  check,
  DAVE,
  EVE,
  hasCreatorProperty,
  message,
  rejects,
  RuleCase,
  standardRoom,
} from './harness';

function createEvent(
  version: RoomVersion,
  init: Partial<TestEventInit> = {},
  omit: string[] = [],
): IdentifiedPdu {
  const content: JsonObject = {
    room_version: version.id,
    ...(hasCreatorProperty(version) ? { creator: ALICE } : {}),
  };
  Object.assign(content, init.content);
  for (const key of omit) delete content[key];
  return testEvent({
    type: 'm.room.create',
    sender: ALICE,
    stateKey: '',
    roomId: version.roomIdFromCreateEvent ? null : '!room:example.org',
    ...init,
    content,
  });
}

const checkCreate = (version: RoomVersion, event: IdentifiedPdu) => authorizeEvent(version, event, new Map());
const oldRoomIds = (v: RoomVersion) => !v.roomIdFromCreateEvent;
const newRoomIds = (v: RoomVersion) => v.roomIdFromCreateEvent;

/** The event's auth_events as events, looked up in the room's state. */
function authEventsOf(room: TestRoom, event: IdentifiedPdu): IdentifiedPdu[] {
  const byId = new Map([...room.state.values()].map((e) => [e.eventId, e]));
  return event.pdu.auth_events.flatMap((ref) => byId.get(typeof ref === 'string' ? ref : ref[0]) ?? []);
}

function withForeignPowerLevels(room: TestRoom): Map<string, IdentifiedPdu> {
  const state = new Map(room.state);
  const foreign = testEvent({
    type: 'm.room.power_levels',
    sender: ALICE,
    stateKey: '',
    roomId: '!elsewhere:example.org',
    content: { users: { [BOB]: 100 } },
  });
  state.set(stateKey('m.room.power_levels', ''), foreign);
  return state;
}

export const createCases: RuleCase[] = [
  allows('create.prevEvents', 'a create event without prev_events is allowed', (v) =>
    checkCreate(v, createEvent(v)),
  ),
  rejects('create.prevEvents', 'a create event with prev_events is rejected', (v) =>
    checkCreate(v, createEvent(v, { prevEvents: ['$earlier'] })),
  ),
  allows(
    'create.roomId',
    "a room_id on the sender's server is allowed",
    (v) => checkCreate(v, createEvent(v)),
    oldRoomIds,
  ),
  rejects(
    'create.roomId',
    "a room_id on another server than the sender's is rejected",
    (v) => checkCreate(v, createEvent(v, { roomId: '!room:other.org' })),
    { applies: oldRoomIds },
  ),
  rejects(
    'create.roomId',
    'a room_id without a server name is rejected',
    (v) => checkCreate(v, createEvent(v, { roomId: '!room' })),
    { applies: oldRoomIds },
  ),
  allows(
    'create.roomId',
    'a create event without room_id is allowed',
    (v) => checkCreate(v, createEvent(v)),
    newRoomIds,
  ),
  rejects(
    'create.roomId',
    'a create event with a room_id is rejected',
    (v) => checkCreate(v, createEvent(v, { roomId: '!room:example.org' })),
    { applies: newRoomIds },
  ),
  allows('create.roomVersion', 'a recognised content.room_version is allowed', (v) =>
    checkCreate(v, createEvent(v, { content: { room_version: '1' } })),
  ),
  allows('create.roomVersion', 'an absent content.room_version is allowed', (v) =>
    checkCreate(v, createEvent(v, {}, ['room_version'])),
  ),
  rejects('create.roomVersion', 'an unrecognised content.room_version is rejected', (v) =>
    checkCreate(v, createEvent(v, { content: { room_version: '999' } })),
  ),
  rejects('create.roomVersion', 'a content.room_version that is not a string is rejected', (v) =>
    checkCreate(v, createEvent(v, { content: { room_version: 5 } })),
  ),
  allows('create.creator', 'content with a creator property is allowed', (v) =>
    checkCreate(v, createEvent(v)),
  ),
  rejects('create.creator', 'content without a creator property is rejected', (v) =>
    checkCreate(v, createEvent(v, {}, ['creator'])),
  ),
  allows('create.additionalCreators', 'additional_creators as an array of user IDs is allowed', (v) =>
    checkCreate(v, createEvent(v, { content: { additional_creators: [BOB, EVE] } })),
  ),
  rejects('create.additionalCreators', 'additional_creators holding a non-user ID is rejected', (v) =>
    checkCreate(v, createEvent(v, { content: { additional_creators: [BOB, 'bob'] } })),
  ),
  rejects('create.additionalCreators', 'additional_creators that is not an array is rejected', (v) =>
    checkCreate(v, createEvent(v, { content: { additional_creators: BOB } })),
  ),
  rejects('create.additionalCreators', 'additional_creators holding a number is rejected', (v) =>
    checkCreate(v, createEvent(v, { content: { additional_creators: [7] } })),
  ),
  allows('create.allow', 'a well-formed create event is allowed', (v) => checkCreate(v, createEvent(v))),
  allows(
    'create.allow',
    'a create event without content.creator is allowed (v11 removed the creator rule)',
    (v) => checkCreate(v, createEvent(v, {}, ['creator'])),
    (v) => !hasCreatorProperty(v),
  ),
  rejects(
    'create.allow',
    'a create event failing an earlier create rule is not allowed',
    (v) => checkCreate(v, createEvent(v, { prevEvents: ['$earlier'] })),
    { by: 'create.prevEvents' },
  ),

  allows('roomIdFromCreate', "an event whose room_id is the create event's ID is allowed", (v) => {
    const room = standardRoom(v);
    return check(room, message(room, BOB));
  }),
  rejects('roomIdFromCreate', "an event whose room_id is not the create event's ID is rejected", (v) => {
    const room = standardRoom(v);
    return check(room, message(room, BOB, { roomId: '!elsewhere' }));
  }),
  rejects('roomIdFromCreate', 'an event in a room whose create event was rejected is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, message(room, BOB), { isRejected: (id) => id === room.create.eventId });
  }),
  rejects('roomIdFromCreate', 'an event checked without the create event is rejected', (v) => {
    const room = standardRoom(v);
    return authorizeEvent(v, message(room, BOB), room.stateWithout('m.room.create', ''));
  }),

  allows('authEvents.duplicate', 'auth_events without duplicate (type, state_key) pairs are allowed', (v) => {
    const room = standardRoom(v);
    const event = message(room, BOB);
    return checkAuthEvents(v, event, authEventsOf(room, event));
  }),
  rejects('authEvents.duplicate', 'two m.room.power_levels events in auth_events are rejected', (v) => {
    const room = standardRoom(v);
    const older = room.state.get(stateKey('m.room.power_levels', ''))!;
    room.setPowerLevels({ users: { [ALICE]: 100 } });
    const event = message(room, BOB);
    return checkAuthEvents(v, event, [...authEventsOf(room, event), older]);
  }),
  allows(
    'authEvents.unexpected',
    'the join rules and target member in a join event auth_events are allowed',
    (v) => {
      const room = standardRoom(v);
      room.member(DAVE, 'invite', BOB);
      const event = room.event({
        type: 'm.room.member',
        sender: DAVE,
        stateKey: DAVE,
        content: { membership: 'join' },
      });
      return checkAuthEvents(v, event, authEventsOf(room, event));
    },
  ),
  rejects('authEvents.unexpected', 'm.room.join_rules in the auth_events of a message is rejected', (v) => {
    const room = standardRoom(v);
    const event = message(room, BOB);
    const joinRules = room.state.get(stateKey('m.room.join_rules', ''))!;
    return checkAuthEvents(v, event, [...authEventsOf(room, event), joinRules]);
  }),
  rejects(
    'authEvents.unexpected',
    'm.room.create in auth_events is rejected ("m.room.create MUST NOT be selected")',
    (v) => {
      const room = standardRoom(v);
      const event = message(room, BOB);
      return checkAuthEvents(v, event, [...authEventsOf(room, event), room.create]);
    },
    { applies: newRoomIds },
  ),
  allows('authEvents.rejected', 'auth_events none of which were rejected are allowed', (v) => {
    const room = standardRoom(v);
    const event = message(room, BOB);
    return checkAuthEvents(v, event, authEventsOf(room, event), { isRejected: () => false });
  }),
  rejects('authEvents.rejected', 'an auth event that was itself rejected is rejected', (v) => {
    const room = standardRoom(v);
    const event = message(room, BOB);
    const powerLevels = room.state.get(stateKey('m.room.power_levels', ''))!;
    return checkAuthEvents(v, event, authEventsOf(room, event), {
      isRejected: (id) => id === powerLevels.eventId,
    });
  }),
  allows('authEvents.noCreate', 'an auth state with the m.room.create event is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, message(room, BOB));
  }),
  rejects('authEvents.noCreate', 'an auth state without an m.room.create event is rejected', (v) => {
    const room = standardRoom(v);
    return authorizeEvent(v, message(room, BOB), room.stateWithout('m.room.create', ''));
  }),
  allows('authEvents.roomId', 'auth events of the same room are allowed', (v) => {
    const room = standardRoom(v);
    return check(room, message(room, BOB));
  }),
  allows(
    'authEvents.roomId',
    'a state event of another room that auth events selection would not pick is ignored',
    (v) => {
      const room = standardRoom(v);
      const state = new Map(room.state);
      const topic = testEvent({
        type: 'm.room.topic',
        sender: ALICE,
        stateKey: '',
        roomId: '!elsewhere:example.org',
      });
      state.set(stateKey('m.room.topic', ''), topic);
      return authorizeEvent(v, message(room, BOB), state);
    },
  ),
  rejects('authEvents.roomId', 'an m.room.power_levels event of another room is rejected', (v) => {
    const room = standardRoom(v);
    return authorizeEvent(v, message(room, BOB), withForeignPowerLevels(room));
  }),

  allows('federate', 'a local user in a room with m.federate false is allowed', (v) => {
    const room = standardRoom(v, { createContent: { 'm.federate': false } });
    return check(room, message(room, BOB));
  }),
  allows('federate', 'a remote user in a room with m.federate true is allowed', (v) => {
    const room = standardRoom(v, { createContent: { 'm.federate': true } });
    room.member(EVE, 'join');
    return check(room, message(room, EVE));
  }),
  rejects('federate', 'a remote user in a room with m.federate false is rejected', (v) => {
    const room = standardRoom(v, { createContent: { 'm.federate': false } });
    room.member(EVE, 'join');
    return check(room, message(room, EVE));
  }),

  allows('aliases.noStateKey', 'an m.room.aliases event with a state_key is allowed', (v) => {
    const room = standardRoom(v);
    return check(
      room,
      room.event({ type: 'm.room.aliases', sender: BOB, stateKey: 'example.org', content: {} }),
    );
  }),
  rejects('aliases.noStateKey', 'an m.room.aliases event without a state_key is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, room.event({ type: 'm.room.aliases', sender: BOB, content: { aliases: [] } }));
  }),
  allows(
    'aliases.domain',
    "an m.room.aliases event keyed by the sender's domain is allowed, even from a non-member",
    (v) => {
      const room = standardRoom(v);
      return check(
        room,
        room.event({ type: 'm.room.aliases', sender: DAVE, stateKey: 'example.org', content: {} }),
      );
    },
  ),
  rejects(
    'aliases.domain',
    "an m.room.aliases event keyed by another domain than the sender's is rejected",
    (v) => {
      const room = standardRoom(v);
      return check(
        room,
        room.event({ type: 'm.room.aliases', sender: BOB, stateKey: 'other.org', content: {} }),
      );
    },
  ),
  allows('aliases.allow', 'a valid m.room.aliases event is allowed without power', (v) => {
    const room = standardRoom(v, { levels: { events: { 'm.room.aliases': 100 } } });
    return check(
      room,
      room.event({ type: 'm.room.aliases', sender: BOB, stateKey: 'example.org', content: {} }),
    );
  }),
  rejects(
    'aliases.allow',
    'an m.room.aliases event failing the domain rule is not allowed',
    (v) => {
      const room = standardRoom(v);
      return check(
        room,
        room.event({ type: 'm.room.aliases', sender: BOB, stateKey: 'other.org', content: {} }),
      );
    },
    { by: 'aliases.domain' },
  ),
];
