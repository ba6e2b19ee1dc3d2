import { RoomVersion } from '../../room-versions/room-version.types';
import {
  ALICE,
  allows,
  BOB,
  check,
  DAVE,
  member,
  MOD,
  MOD2,
  rejects,
  RuleCase,
  standardRoom,
} from './harness';

const LEAVE = { membership: 'leave' };
const BAN = { membership: 'ban' };
const KNOCK = { membership: 'knock' };
const knocking = (v: RoomVersion) => v.knocking;

export const membershipCases: RuleCase[] = [
  allows('member.leave.self', 'a joined user may leave', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, BOB, BOB, LEAVE));
  }),
  allows('member.leave.self', 'an invited user may reject the invite', (v) => {
    const room = standardRoom(v);
    room.member(DAVE, 'invite', BOB);
    return check(room, member(room, DAVE, DAVE, LEAVE));
  }),
  allows(
    'member.leave.self',
    'a user who knocked may withdraw the knock',
    (v) => {
      const room = standardRoom(v, { joinRule: 'knock' });
      room.member(DAVE, 'knock');
      return check(room, member(room, DAVE, DAVE, LEAVE));
    },
    knocking,
  ),
  rejects(
    'member.leave.self',
    'a knock membership cannot be left before v7',
    (v) => {
      const room = standardRoom(v);
      room.member(DAVE, 'knock');
      return check(room, member(room, DAVE, DAVE, LEAVE));
    },
    { applies: (v) => !v.knocking },
  ),
  rejects('member.leave.self', 'a user with no membership may not leave', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, DAVE, DAVE, LEAVE));
  }),
  rejects('member.leave.self', 'a banned user may not unban themselves by leaving', (v) => {
    const room = standardRoom(v);
    room.member(DAVE, 'ban', MOD);
    return check(room, member(room, DAVE, DAVE, LEAVE));
  }),
  allows('member.leave.senderNotJoined', 'a joined moderator may kick', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, MOD, BOB, LEAVE));
  }),
  rejects('member.leave.senderNotJoined', 'a user who is not joined may not kick', (v) => {
    const room = standardRoom(v, { users: { [DAVE]: 100 } });
    room.member(DAVE, 'invite', BOB);
    return check(room, member(room, DAVE, BOB, LEAVE));
  }),
  allows('member.leave.targetBanned', 'unbanning at the ban level is allowed', (v) => {
    const room = standardRoom(v);
    room.member(DAVE, 'ban', MOD);
    return check(room, member(room, MOD2, DAVE, LEAVE));
  }),
  rejects(
    'member.leave.targetBanned',
    'unbanning below the ban level is rejected, whatever the kick level',
    (v) => {
      const room = standardRoom(v, { levels: { ban: 60, kick: 0 } });
      room.member(DAVE, 'ban', ALICE);
      return check(room, member(room, MOD, DAVE, LEAVE));
    },
  ),
  allows('member.leave.power', 'kicking at the kick level a user of lower power is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, MOD, BOB, LEAVE));
  }),
  rejects(
    'member.leave.power',
    'kicking a user of equal power is not allowed',
    (v) => {
      const room = standardRoom(v);
      return check(room, member(room, MOD, MOD2, LEAVE));
    },
    { by: 'member.leave.otherwise' },
  ),
  rejects(
    'member.leave.power',
    'kicking below the kick level is not allowed',
    (v) => {
      const room = standardRoom(v);
      room.member(DAVE, 'join');
      return check(room, member(room, BOB, DAVE, LEAVE));
    },
    { by: 'member.leave.otherwise' },
  ),
  allows('member.leave.otherwise', 'a kick permitted by the power rule is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, ALICE, MOD, LEAVE));
  }),
  rejects('member.leave.otherwise', 'kicking the room creator is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, MOD, ALICE, LEAVE));
  }),

  allows('member.ban.senderNotJoined', 'a joined moderator may ban', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, MOD, BOB, BAN));
  }),
  rejects('member.ban.senderNotJoined', 'a user who is not joined may not ban', (v) => {
    const room = standardRoom(v, { users: { [DAVE]: 100 } });
    return check(room, member(room, DAVE, BOB, BAN));
  }),
  allows('member.ban.power', 'banning at the ban level a user who never joined is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, MOD, DAVE, BAN));
  }),
  rejects(
    'member.ban.power',
    'banning below the ban level is not allowed',
    (v) => {
      const room = standardRoom(v);
      return check(room, member(room, BOB, DAVE, BAN));
    },
    { by: 'member.ban.otherwise' },
  ),
  allows('member.ban.otherwise', 'the creator may ban a moderator', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, ALICE, MOD, BAN));
  }),
  rejects('member.ban.otherwise', 'banning a user of equal power is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, MOD, MOD2, BAN));
  }),
  rejects('member.ban.otherwise', 'banning the room creator is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, MOD, ALICE, BAN));
  }),

  allows('member.knock.joinRule', 'knocking on a knock room is allowed', (v) => {
    const room = standardRoom(v, { joinRule: 'knock' });
    return check(room, member(room, DAVE, DAVE, KNOCK));
  }),
  allows(
    'member.knock.joinRule',
    'knocking on a knock_restricted room is allowed',
    (v) => {
      const room = standardRoom(v, { joinRule: 'knock_restricted' });
      return check(room, member(room, DAVE, DAVE, KNOCK));
    },
    (v) => v.knockRestrictedJoins,
  ),
  rejects('member.knock.joinRule', 'knocking on a public room is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, DAVE, DAVE, KNOCK));
  }),
  rejects(
    'member.knock.joinRule',
    'knocking on a knock_restricted room is rejected before v10',
    (v) => {
      const room = standardRoom(v, { joinRule: 'knock_restricted' });
      return check(room, member(room, DAVE, DAVE, KNOCK));
    },
    { applies: (v) => !v.knockRestrictedJoins },
  ),
  allows('member.knock.senderNotTarget', 'knocking for oneself is allowed', (v) => {
    const room = standardRoom(v, { joinRule: 'knock' });
    return check(room, member(room, DAVE, DAVE, KNOCK));
  }),
  rejects('member.knock.senderNotTarget', 'knocking for another user is rejected', (v) => {
    const room = standardRoom(v, { joinRule: 'knock' });
    return check(room, member(room, BOB, DAVE, KNOCK));
  }),
  allows('member.knock.membership', 'a user who left may knock', (v) => {
    const room = standardRoom(v, { joinRule: 'knock' });
    room.member(DAVE, 'invite', BOB);
    room.member(DAVE, 'leave');
    return check(room, member(room, DAVE, DAVE, KNOCK));
  }),
  rejects(
    'member.knock.membership',
    'an invited user may not knock',
    (v) => {
      const room = standardRoom(v, { joinRule: 'knock' });
      room.member(DAVE, 'invite', BOB);
      return check(room, member(room, DAVE, DAVE, KNOCK));
    },
    { by: 'member.knock.otherwise' },
  ),
  allows('member.knock.otherwise', 'a user who knocked may knock again', (v) => {
    const room = standardRoom(v, { joinRule: 'knock' });
    room.member(DAVE, 'knock');
    return check(room, member(room, DAVE, DAVE, KNOCK));
  }),
  rejects('member.knock.otherwise', 'a joined user may not knock', (v) => {
    const room = standardRoom(v, { joinRule: 'knock' });
    return check(room, member(room, BOB, BOB, KNOCK));
  }),
  rejects('member.knock.otherwise', 'a banned user may not knock', (v) => {
    const room = standardRoom(v, { joinRule: 'knock' });
    room.member(DAVE, 'ban', MOD);
    return check(room, member(room, DAVE, DAVE, KNOCK));
  }),

  allows('member.unknown', 'a known membership is allowed through its own rule', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, DAVE, DAVE, { membership: 'join' }));
  }),
  rejects('member.unknown', 'an unknown membership is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, DAVE, DAVE, { membership: 'frobnicate' }));
  }),
  rejects('member.unknown', 'a membership that is not a string is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, DAVE, DAVE, { membership: 5 }));
  }),
  rejects(
    'member.unknown',
    'knock is an unknown membership before v7',
    (v) => {
      const room = standardRoom(v, { joinRule: 'knock' });
      return check(room, member(room, DAVE, DAVE, KNOCK));
    },
    { applies: (v) => !v.knocking },
  ),
];
