import fc from 'fast-check';
import { JsonObject } from '../events/pdu.types';
import { IdentifiedPdu, stateKey } from '../state/state-map';
import { testEvent } from '../testing/test-event';
import { TestRoom } from '../testing/test-room';
import { authEventsNeeded, checkAuthEvents } from './auth-events';
import { authorizeEvent } from './authorize-event';
import { ALICE, BOB, DAVE, EVE, MOD, standardRoom, VERSIONS } from './rule-cases/harness';

const TYPES = [
  'm.room.create',
  'm.room.member',
  'm.room.power_levels',
  'm.room.join_rules',
  'm.room.third_party_invite',
  'm.room.redaction',
  'm.room.aliases',
  'm.room.message',
];
const USERS = [ALICE, BOB, DAVE, EVE, MOD];

const junk = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    ...USERS,
    'join',
    'invite',
    'leave',
    'ban',
    'knock',
    'restricted',
    'public',
    'tok',
    '50',
    ' +7 ',
  ),
  fc.double(),
  fc.dictionary(
    fc.oneof(fc.constantFrom(...USERS, 'room', 'signed', 'ed25519:0'), fc.string()),
    fc.jsonValue(),
  ),
);

/** Objects that hit the fields the rules read, with values of any shape. */
const content: fc.Arbitrary<JsonObject> = fc.oneof(
  fc.dictionary(fc.string(), fc.jsonValue()) as fc.Arbitrary<JsonObject>,
  fc.record(
    {
      membership: junk,
      third_party_invite: fc.oneof(
        junk,
        fc.record({ signed: fc.oneof(junk, fc.record({ mxid: junk, token: junk, signatures: junk })) }),
      ),
      join_authorised_via_users_server: junk,
      join_rule: junk,
      users: junk,
      users_default: junk,
      events: junk,
      notifications: junk,
      ban: junk,
      kick: junk,
      invite: junk,
      redact: junk,
      state_default: junk,
      events_default: junk,
      creator: junk,
      room_version: junk,
      additional_creators: junk,
      'm.federate': junk,
      public_key: junk,
      public_keys: junk,
    },
    { requiredKeys: [] },
  ) as fc.Arbitrary<JsonObject>,
);

const eventShape = fc.record({
  type: fc.oneof(fc.constantFrom(...TYPES), fc.string()),
  sender: fc.oneof(fc.constantFrom(...USERS), fc.string()),
  stateKey: fc.option(fc.oneof(fc.constantFrom(...USERS, '', 'tok'), fc.string()), { nil: undefined }),
  content,
  prevEvents: fc.array(fc.string(), { maxLength: 2 }),
  redacts: fc.option(fc.string(), { nil: undefined }),
});

/** The room's state with some auth-relevant events replaced by events carrying junk content. */
function junkState(room: TestRoom, replacements: [string, string, JsonObject][]): Map<string, IdentifiedPdu> {
  const state = new Map(room.state);
  for (const [type, key, junkContent] of replacements) {
    state.set(
      stateKey(type, key),
      testEvent({ type, sender: ALICE, stateKey: key, content: junkContent, roomId: room.roomId }),
    );
  }
  return state;
}

const replacement = fc.tuple(
  fc.constantFrom(
    'm.room.create',
    'm.room.power_levels',
    'm.room.join_rules',
    'm.room.member',
    'm.room.third_party_invite',
  ),
  fc.constantFrom('', ...USERS, 'tok'),
  content,
);

describe('authorizeEvent never throws', () => {
  for (const version of VERSIONS) {
    test(`room version ${version.id}: arbitrary junk content is simply not allowed, or allowed, but never throws`, () => {
      const room = standardRoom(version);
      fc.assert(
        fc.property(eventShape, fc.array(replacement, { maxLength: 3 }), (shape, replacements) => {
          const event = room.event(shape);
          const state = junkState(room, replacements);
          const result = authorizeEvent(version, event, state);
          expect(typeof result.allowed).toBe('boolean');
          if (!result.allowed) expect(result.rule.startsWith(`${version.authRules} `)).toBe(true);
          authEventsNeeded(version, event.pdu);
          checkAuthEvents(version, event, [...state.values()]);
        }),
        { numRuns: 300 },
      );
    });
  }

  test('arbitrary values in place of a whole PDU never throw', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VERSIONS),
        fc.anything(),
        fc.dictionary(fc.string(), fc.anything()),
        (version, pdu, patch) => {
          const room = standardRoom(version);
          const base = room.event({
            type: 'm.room.member',
            sender: BOB,
            stateKey: BOB,
            content: { membership: 'join' },
          });
          for (const candidate of [pdu, { ...base.pdu, ...patch }]) {
            const event = { eventId: '$junk', pdu: candidate } as unknown as IdentifiedPdu;
            expect(typeof authorizeEvent(version, event, room.state).allowed).toBe('boolean');
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
