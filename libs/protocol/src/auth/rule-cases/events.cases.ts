import { RoomVersion } from '../../room-versions/room-version.types';
import { TestRoom } from '../../testing/test-room';
import { authorizeEvent } from '../authorize-event';
import { ALICE, allows, BOB, check, DAVE, message, MOD, rejects, RuleCase, standardRoom } from './harness';

function state(room: TestRoom, sender: string, type: string, stateKey = '') {
  return room.event({ type, sender, stateKey, content: { value: 1 } });
}

function redaction(room: TestRoom, sender: string, eventId: string, redacts: string) {
  return room.event({ type: 'm.room.redaction', sender, eventId, redacts, content: {} });
}

const recipientChecksRedactions = (v: RoomVersion) => v.redactionsCheckedByRecipient;

export const eventCases: RuleCase[] = [
  allows('senderNotJoined', 'a joined user may send a message', (v) => {
    const room = standardRoom(v);
    return check(room, message(room, BOB));
  }),
  rejects('senderNotJoined', 'a user who never joined may not send a message', (v) => {
    const room = standardRoom(v);
    return check(room, message(room, DAVE));
  }),
  rejects('senderNotJoined', 'an invited user may not send a message', (v) => {
    const room = standardRoom(v);
    room.member(DAVE, 'invite', BOB);
    return check(room, message(room, DAVE));
  }),
  rejects(
    'senderNotJoined',
    'm.room.aliases is an ordinary state event since v6: a non-member may not send it',
    (v) => {
      const room = standardRoom(v);
      return check(
        room,
        room.event({ type: 'm.room.aliases', sender: DAVE, stateKey: 'example.org', content: {} }),
      );
    },
    { applies: (v) => !v.specialAliasesRules },
  ),

  allows(
    'thirdPartyInvite',
    'm.room.third_party_invite at the invite level is allowed, whatever state_default',
    (v) => {
      const room = standardRoom(v);
      return check(room, state(room, BOB, 'm.room.third_party_invite', 'token'));
    },
  ),
  rejects('thirdPartyInvite', 'm.room.third_party_invite below the invite level is rejected', (v) => {
    const room = standardRoom(v, { levels: { invite: 50 } });
    return check(room, state(room, BOB, 'm.room.third_party_invite', 'token'));
  }),

  allows('requiredPower', 'a state event at state_default is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, state(room, MOD, 'm.room.name'));
  }),
  allows('requiredPower', 'a message at events_default is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, message(room, BOB));
  }),
  allows('requiredPower', 'without power levels the creator may send state events', (v) => {
    const room = standardRoom(v);
    return authorizeEvent(v, state(room, ALICE, 'm.room.name'), room.stateWithout('m.room.power_levels', ''));
  }),
  rejects('requiredPower', 'a state event below state_default (50 by default) is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, state(room, BOB, 'm.room.name'));
  }),
  rejects('requiredPower', 'a message below its level in events is rejected', (v) => {
    const room = standardRoom(v, { levels: { events: { 'm.room.message': 10 } } });
    return check(room, message(room, BOB));
  }),
  rejects('requiredPower', 'without power levels state_default is still 50', (v) => {
    const room = standardRoom(v);
    return authorizeEvent(v, state(room, BOB, 'm.room.name'), room.stateWithout('m.room.power_levels', ''));
  }),
  rejects(
    'requiredPower',
    'm.room.redaction is subject to its level in events',
    (v) => {
      const room = standardRoom(v, { levels: { events: { 'm.room.redaction': 50 } } });
      return check(room, redaction(room, BOB, '$r:example.org', '$x:example.org'));
    },
    { applies: recipientChecksRedactions },
  ),

  allows('stateKey', "a state_key that is the sender's user ID is allowed", (v) => {
    const room = standardRoom(v, { levels: { events: { 'org.example.status': 0 } } });
    return check(room, state(room, BOB, 'org.example.status', BOB));
  }),
  allows('stateKey', 'a state_key not starting with @ is allowed', (v) => {
    const room = standardRoom(v, { levels: { events: { 'org.example.status': 0 } } });
    return check(room, state(room, BOB, 'org.example.status', 'bob'));
  }),
  rejects('stateKey', "a state_key that is another user's ID is rejected", (v) => {
    const room = standardRoom(v, { levels: { events: { 'org.example.status': 0 } } });
    return check(room, state(room, BOB, 'org.example.status', MOD));
  }),

  allows('redaction.power', 'a redaction at the redact level is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, redaction(room, MOD, '$r:example.org', '$x:other.org'));
  }),
  rejects(
    'redaction.power',
    "a redaction below the redact level of another server's event is not allowed",
    (v) => {
      const room = standardRoom(v);
      return check(room, redaction(room, BOB, '$r:example.org', '$x:other.org'));
    },
    { by: 'redaction.otherwise' },
  ),
  allows('redaction.domain', 'a redaction of an event whose event_id has the same domain is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, redaction(room, BOB, '$r:example.org', '$x:example.org'));
  }),
  rejects(
    'redaction.domain',
    'a redaction of an event whose event_id has another domain is not allowed',
    (v) => {
      const room = standardRoom(v);
      return check(room, redaction(room, BOB, '$r:example.org', '$x:other.org'));
    },
    { by: 'redaction.otherwise' },
  ),
  allows('redaction.otherwise', 'a redaction permitted by an earlier rule is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, redaction(room, MOD, '$r:example.org', '$x:other.org'));
  }),
  rejects('redaction.otherwise', 'a redaction without redact power or a matching domain is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, redaction(room, BOB, '$r:example.org', '$x:other.org'));
  }),
  rejects('redaction.otherwise', 'a redaction without redacts is rejected below the redact level', (v) => {
    const room = standardRoom(v);
    return check(
      room,
      room.event({ type: 'm.room.redaction', sender: BOB, eventId: '$r:example.org', content: {} }),
    );
  }),

  allows('otherwise', 'a message passing every rule is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, message(room, BOB));
  }),
  allows(
    'otherwise',
    "redactions are checked by the recipient: redacting another server's event is allowed here",
    (v) => {
      const room = standardRoom(v);
      return check(room, redaction(room, BOB, '$r:example.org', '$x:other.org'));
    },
    recipientChecksRedactions,
  ),
  rejects(
    'otherwise',
    'an event an earlier rule rejects never reaches the final rule',
    (v) => {
      const room = standardRoom(v);
      return check(room, message(room, DAVE));
    },
    { by: 'senderNotJoined' },
  ),
];
