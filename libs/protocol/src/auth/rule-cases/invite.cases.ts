import { JsonObject } from '../../events/pdu.types';
import { RoomVersion } from '../../room-versions/room-version.types';
import { signingKeyFromSeed } from '../../signing/ed25519-keys';
import { signJson } from '../../signing/sign-json';
import { TestRoom } from '../../testing/test-room';
import { allows, BOB, check, DAVE, member, MOD, rejects, RuleCase, standardRoom, ZED } from './harness';

const INVITE = { membership: 'invite' };
const IDENTITY_SERVER = 'id.example.org';
const listedKey = signingKeyFromSeed(new Uint8Array(32).fill(1), 'ed25519:0');
const singleKey = signingKeyFromSeed(new Uint8Array(32).fill(2), 'ed25519:1');
const strangerKey = signingKeyFromSeed(new Uint8Array(32).fill(3), 'ed25519:0');

/** What an identity server signs when the invited third party binds to a Matrix ID. */
function signed(fields: JsonObject = {}, key = listedKey): JsonObject {
  return signJson({ mxid: DAVE, sender: BOB, token: 'tok', ...fields }, IDENTITY_SERVER, key.keyId, key.seed);
}

/** A room where bob issued the third-party invite `tok`, holding both key properties. */
function thirdPartyRoom(version: RoomVersion): TestRoom {
  const room = standardRoom(version);
  room.send({
    type: 'm.room.third_party_invite',
    sender: BOB,
    stateKey: 'tok',
    content: {
      display_name: 'd...@example.com',
      key_validity_url: 'https://id.example.org/_matrix/identity/v2/pubkey/isvalid',
      public_key: singleKey.publicKeyBase64,
      public_keys: [{ public_key: listedKey.publicKeyBase64 }],
    },
  });
  return room;
}

function thirdPartyInvite(room: TestRoom, invite: unknown, sender = BOB, target = DAVE) {
  return member(room, sender, target, { membership: 'invite', third_party_invite: invite as JsonObject });
}

const valid = () => ({ display_name: 'd...@example.com', signed: signed() });

export const inviteCases: RuleCase[] = [
  allows('member.invite.tpi.banned', 'a third-party invite of a user who is not banned is allowed', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, valid()));
  }),
  rejects('member.invite.tpi.banned', 'a third-party invite of a banned user is rejected', (v) => {
    const room = thirdPartyRoom(v);
    room.member(DAVE, 'ban', MOD);
    return check(room, thirdPartyInvite(room, valid()));
  }),
  allows('member.invite.tpi.noSigned', 'third_party_invite with a signed property is allowed', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, valid()));
  }),
  rejects('member.invite.tpi.noSigned', 'third_party_invite without signed is rejected', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, { display_name: 'd...@example.com' }));
  }),
  rejects('member.invite.tpi.noSigned', 'third_party_invite that is not an object is rejected', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, 'junk'));
  }),
  allows('member.invite.tpi.noMxidToken', 'signed with mxid and token is allowed', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, valid()));
  }),
  rejects('member.invite.tpi.noMxidToken', 'signed without a token is rejected', (v) => {
    const room = thirdPartyRoom(v);
    const { token: _token, ...rest } = signed();
    return check(room, thirdPartyInvite(room, { signed: rest }));
  }),
  rejects('member.invite.tpi.noMxidToken', 'signed that is not an object is rejected', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, { signed: 'junk' }));
  }),
  allows('member.invite.tpi.mxid', 'signed.mxid equal to the state_key is allowed', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, valid()));
  }),
  rejects('member.invite.tpi.mxid', 'signed.mxid different from the state_key is rejected', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, valid(), BOB, ZED));
  }),
  allows(
    'member.invite.tpi.noEvent',
    'a token naming an m.room.third_party_invite in the state is allowed',
    (v) => {
      const room = thirdPartyRoom(v);
      return check(room, thirdPartyInvite(room, valid()));
    },
  ),
  rejects(
    'member.invite.tpi.noEvent',
    'a token with no m.room.third_party_invite in the state is rejected',
    (v) => {
      const room = thirdPartyRoom(v);
      return check(room, thirdPartyInvite(room, { signed: signed({ token: 'other' }) }));
    },
  ),
  allows(
    'member.invite.tpi.sender',
    'the sender of the m.room.third_party_invite completing it is allowed',
    (v) => {
      const room = thirdPartyRoom(v);
      return check(room, thirdPartyInvite(room, valid()));
    },
  ),
  rejects('member.invite.tpi.sender', 'another user completing the third-party invite is rejected', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, valid(), MOD));
  }),
  allows('member.invite.tpi.signature', 'a signature by a key in public_keys is allowed', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, valid()));
  }),
  allows('member.invite.tpi.signature', 'a signature by the key in public_key is allowed', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, { signed: signed({}, singleKey) }));
  }),
  allows('member.invite.tpi.signature', "the sender's current membership is not consulted", (v) => {
    const room = thirdPartyRoom(v);
    room.member(BOB, 'leave');
    return check(room, thirdPartyInvite(room, valid()));
  }),
  rejects(
    'member.invite.tpi.signature',
    'a signature by a key the invite does not list does not match',
    (v) => {
      const room = thirdPartyRoom(v);
      return check(room, thirdPartyInvite(room, { signed: signed({}, strangerKey) }));
    },
    { by: 'member.invite.tpi.otherwise' },
  ),
  allows('member.invite.tpi.otherwise', 'a validly signed third-party invite is allowed', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, valid()));
  }),
  rejects('member.invite.tpi.otherwise', 'signed content altered after signing is rejected', (v) => {
    const room = thirdPartyRoom(v);
    return check(room, thirdPartyInvite(room, { signed: { ...signed(), sender: ZED } }));
  }),
  rejects('member.invite.tpi.otherwise', 'signed without signatures is rejected', (v) => {
    const room = thirdPartyRoom(v);
    const { signatures: _signatures, ...rest } = signed();
    return check(room, thirdPartyInvite(room, { signed: rest }));
  }),

  allows('member.invite.senderNotJoined', 'a joined user may invite', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, BOB, DAVE, INVITE));
  }),
  rejects('member.invite.senderNotJoined', 'a user who is not joined may not invite', (v) => {
    const room = standardRoom(v);
    room.member(DAVE, 'invite', BOB);
    return check(room, member(room, DAVE, ZED, INVITE));
  }),
  allows('member.invite.target', 'inviting a user who left is allowed', (v) => {
    const room = standardRoom(v);
    room.member(DAVE, 'join');
    room.member(DAVE, 'leave');
    return check(room, member(room, BOB, DAVE, INVITE));
  }),
  rejects('member.invite.target', 'inviting a joined user is rejected', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, BOB, MOD, INVITE));
  }),
  rejects('member.invite.target', 'inviting a banned user is rejected', (v) => {
    const room = standardRoom(v);
    room.member(DAVE, 'ban', MOD);
    return check(room, member(room, MOD, DAVE, INVITE));
  }),
  allows('member.invite.power', 'inviting at the invite level (default 0) is allowed', (v) => {
    const room = standardRoom(v);
    return check(room, member(room, BOB, DAVE, INVITE));
  }),
  rejects(
    'member.invite.power',
    'inviting below the invite level is not allowed',
    (v) => {
      const room = standardRoom(v, { levels: { invite: 50 } });
      return check(room, member(room, BOB, DAVE, INVITE));
    },
    { by: 'member.invite.otherwise' },
  ),
  allows('member.invite.otherwise', 'inviting at a raised invite level with enough power is allowed', (v) => {
    const room = standardRoom(v, { levels: { invite: 50 } });
    return check(room, member(room, MOD, DAVE, INVITE));
  }),
  rejects('member.invite.otherwise', 'inviting below a raised invite level is rejected', (v) => {
    const room = standardRoom(v, { levels: { invite: 50 } });
    return check(room, member(room, BOB, DAVE, INVITE));
  }),
];
