import { RoomVersion } from '../../room-versions/room-version.types';
import { stateKey } from '../../state/state-map';
import { testEvent } from '../../testing/test-event';
import { TestRoom } from '../../testing/test-room';
import { authorizeEvent } from '../authorize-event';
import {
  ALICE,
  allows,
  BOB,
  check,
  DAVE,
  EVE,
  member,
  MOD,
  rejects,
  RuleCase,
  standardRoom,
  ZED,
} from './harness';

const JOIN = { membership: 'join' };

/** The creator's first join: the create event is the only state and the only previous event. */
function creatorJoin(version: RoomVersion, joiner: string, prevEvents: (room: TestRoom) => string[]) {
  const room = new TestRoom(version, { createContent: { additional_creators: [BOB] } });
  const event = testEvent({
    type: 'm.room.member',
    sender: joiner,
    stateKey: joiner,
    content: JOIN,
    roomId: room.roomId,
    prevEvents: prevEvents(room),
  });
  return authorizeEvent(version, event, new Map([[stateKey('m.room.create', ''), room.create]]));
}

/** A restricted room (invite level 50) where eve of other.org may authorise joins. */
function restrictedRoom(version: RoomVersion, joinRule = 'restricted'): TestRoom {
  const room = standardRoom(version, { joinRule, levels: { invite: 50 }, users: { [EVE]: 50, [ZED]: 100 } });
  room.member(EVE, 'join');
  return room;
}

function authorisedJoin(room: TestRoom, authoriser: unknown, signedBy = ['example.org', 'other.org']) {
  return room.event({
    type: 'm.room.member',
    sender: DAVE,
    stateKey: DAVE,
    content: { membership: 'join', join_authorised_via_users_server: authoriser as string },
    signatures: Object.fromEntries(signedBy.map((server) => [server, { 'ed25519:a': 'sig' }])),
  });
}

export const joinCases: RuleCase[] = [
  allows('member.malformed', 'a member event with a state_key and a membership is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, DAVE, DAVE, JOIN));
  }),
  rejects('member.malformed', 'a member event without membership is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, DAVE, DAVE, { displayname: 'Dave' }));
  }),
  rejects('member.malformed', 'a member event without a state_key is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, room.event({ type: 'm.room.member', sender: DAVE, content: JOIN }));
  }),

  allows('member.authoriserSignature', "a join signed by the authorising user's server is allowed", (v) => {
    const room = restrictedRoom(v);
    return check(room, authorisedJoin(room, EVE));
  }),
  rejects(
    'member.authoriserSignature',
    "a join not signed by the authorising user's server is rejected",
    (v) => {
      const room = restrictedRoom(v);
      return check(room, authorisedJoin(room, EVE, ['example.org']));
    },
  ),
  rejects('member.authoriserSignature', 'a join whose signature the verifier refuses is rejected', (v) => {
    const room = restrictedRoom(v);
    return check(room, authorisedJoin(room, EVE), { isSignedBy: (_pdu, server) => server !== 'other.org' });
  }),
  rejects(
    'member.authoriserSignature',
    'a join_authorised_via_users_server that is not a user ID is rejected',
    (v) => {
      const room = restrictedRoom(v);
      return check(room, authorisedJoin(room, 42));
    },
  ),
  rejects(
    'member.authoriserSignature',
    'the rule covers every membership: an unsigned leave is rejected',
    (v) => {
      const room = restrictedRoom(v);
      return check(
        room,
        member(room, BOB, BOB, { membership: 'leave', join_authorised_via_users_server: EVE }),
      );
    },
  ),

  allows('member.join.creator', "the creator's join right after the create event is allowed", (v) =>
    creatorJoin(v, ALICE, (room) => [room.create.eventId]),
  ),
  rejects(
    'member.join.creator',
    "the creator's join with another previous event besides the create event falls through",
    (v) => creatorJoin(v, ALICE, (room) => [room.create.eventId, '$other']),
    { by: 'member.join.invite' },
  ),
  rejects(
    'member.join.creator',
    'an additional creator is not "the sender of the m.room.create" and falls through',
    (v) => creatorJoin(v, BOB, (room) => [room.create.eventId]),
    { by: 'member.join.invite', applies: (v) => v.creatorPrivileges },
  ),

  allows('member.join.senderNotTarget', 'a user joining themselves is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, DAVE, DAVE, JOIN));
  }),
  rejects('member.join.senderNotTarget', 'joining another user is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, ALICE, DAVE, JOIN));
  }),
  allows('member.join.banned', 'a user who left may join a public room again', (v) => {
    const room = standardRoom(v);
    room.member(DAVE, 'join');
    room.member(DAVE, 'leave');
    return check(room, member(room, DAVE, DAVE, JOIN));
  }),
  rejects('member.join.banned', 'a banned user may not join, even a public room', (v) => {
    const room = standardRoom(v);
    room.member(DAVE, 'ban', MOD);
    return check(room, member(room, DAVE, DAVE, JOIN));
  }),

  allows('member.join.invite', 'an invited user may join an invite-only room', (v) => {
    const room = standardRoom(v, { joinRule: 'invite' });
    room.member(DAVE, 'invite', BOB);
    return check(room, member(room, DAVE, DAVE, JOIN));
  }),
  allows('member.join.invite', 'a joined user may join an invite-only room again', (v) => {
    const room = standardRoom(v, { joinRule: 'invite' });
    return check(room, member(room, BOB, BOB, { membership: 'join', displayname: 'Bob' }));
  }),
  allows(
    'member.join.invite',
    'a room without m.room.join_rules is read as invite: the invited may join',
    (v) => {
      const room = standardRoom(v);
      room.member(DAVE, 'invite', BOB);
      return authorizeEvent(v, member(room, DAVE, DAVE, JOIN), room.stateWithout('m.room.join_rules', ''));
    },
  ),
  rejects('member.join.invite', 'an uninvited user may not join an invite-only room', (v) => {
    const room = standardRoom(v, { joinRule: 'invite' });
    return check(room, member(room, DAVE, DAVE, JOIN));
  }),
  rejects(
    'member.join.invite',
    'a room without m.room.join_rules is read as invite: the uninvited may not join',
    (v) => {
      const room = standardRoom(v);
      return authorizeEvent(v, member(room, DAVE, DAVE, JOIN), room.stateWithout('m.room.join_rules', ''));
    },
  ),
  allows(
    'member.join.invite',
    'an invited user may join a knock room',
    (v) => {
      const room = standardRoom(v, { joinRule: 'knock' });
      room.member(DAVE, 'invite', BOB);
      return check(room, member(room, DAVE, DAVE, JOIN));
    },
    (v) => v.knocking,
  ),
  rejects(
    'member.join.invite',
    'a user who only knocked may not join a knock room',
    (v) => {
      const room = standardRoom(v, { joinRule: 'knock' });
      room.member(DAVE, 'knock');
      return check(room, member(room, DAVE, DAVE, JOIN));
    },
    { applies: (v) => v.knocking },
  ),
  rejects(
    'member.join.otherwise',
    'the knock join rule is unknown before v7: even the invited may not join',
    (v) => {
      const room = standardRoom(v, { joinRule: 'knock' });
      room.member(DAVE, 'invite', BOB);
      return check(room, member(room, DAVE, DAVE, JOIN));
    },
    { applies: (v) => !v.knocking },
  ),

  allows(
    'member.join.restricted.member',
    'an invited user may join a restricted room without authorisation',
    (v) => {
      const room = restrictedRoom(v);
      room.member(DAVE, 'invite', MOD);
      return check(room, member(room, DAVE, DAVE, JOIN));
    },
  ),
  rejects(
    'member.join.restricted.member',
    'an uninvited user without authorisation may not join a restricted room',
    (v) => {
      const room = restrictedRoom(v);
      return check(room, member(room, DAVE, DAVE, JOIN));
    },
    { by: 'member.join.restricted.authoriser' },
  ),
  allows(
    'member.join.restricted.authoriser',
    'restricted join is allowed when authorised by a user with invite power',
    (v) => {
      const room = restrictedRoom(v);
      return check(room, authorisedJoin(room, EVE));
    },
  ),
  rejects(
    'member.join.restricted.authoriser',
    'restricted join authorised by a user below the invite level is rejected',
    (v) => {
      const room = restrictedRoom(v);
      return check(room, authorisedJoin(room, BOB, ['example.org']));
    },
  ),
  rejects(
    'member.join.restricted.authoriser',
    'restricted join authorised by a user who is not joined is rejected',
    (v) => {
      const room = restrictedRoom(v);
      return check(room, authorisedJoin(room, ZED, ['example.org']));
    },
  ),
  allows('member.join.restricted.allow', 'a properly authorised restricted join is allowed', (v) => {
    const room = restrictedRoom(v);
    return check(room, authorisedJoin(room, MOD, ['example.org']));
  }),
  allows(
    'member.join.restricted.allow',
    'knock_restricted joins follow the restricted rules: an authorised join is allowed',
    (v) => {
      const room = restrictedRoom(v, 'knock_restricted');
      return check(room, authorisedJoin(room, EVE));
    },
    (v) => v.knockRestrictedJoins,
  ),
  rejects(
    'member.join.restricted.allow',
    'a restricted join without join_authorised_via_users_server is not allowed',
    (v) => {
      const room = restrictedRoom(v);
      return check(room, member(room, DAVE, DAVE, JOIN));
    },
    { by: 'member.join.restricted.authoriser' },
  ),
  rejects(
    'member.join.otherwise',
    'the restricted join rule is unknown before v8: an authorised join is rejected',
    (v) => {
      const room = standardRoom(v, { joinRule: 'restricted' });
      return check(
        room,
        member(room, DAVE, DAVE, { membership: 'join', join_authorised_via_users_server: MOD }),
      );
    },
    { applies: (v) => !v.restrictedJoins },
  ),
  rejects(
    'member.join.otherwise',
    'the knock_restricted join rule is unknown before v10: an authorised join is rejected',
    (v) => {
      const room = restrictedRoom(v, 'knock_restricted');
      return check(room, authorisedJoin(room, EVE));
    },
    { applies: (v) => !v.knockRestrictedJoins },
  ),

  allows('member.join.public', 'anyone may join a public room', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, EVE, EVE, JOIN));
  }),
  rejects(
    'member.join.public',
    'a room with join rule private is not public',
    (v) => {
      const room = standardRoom(v, { joinRule: 'private' });
      return check(room, member(room, DAVE, DAVE, JOIN));
    },
    { by: 'member.join.otherwise' },
  ),
  allows('member.join.otherwise', 'a join permitted by an earlier rule is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, DAVE, DAVE, JOIN));
  }),
  rejects('member.join.otherwise', 'a join to a room with join rule private is rejected', (v) => {
    const room = standardRoom(v, { joinRule: 'private' });
    return check(room, member(room, DAVE, DAVE, JOIN));
  }),
  rejects('member.join.otherwise', 'a join_rule that is not a string matches no rule', (v) => {
    const room = standardRoom(v);
    room.send({ type: 'm.room.join_rules', sender: ALICE, stateKey: '', content: { join_rule: 7 } });
    return check(room, member(room, DAVE, DAVE, JOIN));
  }),
];
