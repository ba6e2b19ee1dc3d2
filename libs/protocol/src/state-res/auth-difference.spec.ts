import { roomVersion } from '../room-versions/room-versions';
import { ALICE, BOB, powerLevelsContent, standardStateResRoom } from '../testing';
import { AuthChainCache } from './auth-chain-cache';
import { authDifference } from './auth-difference';
import { separateStateV2 } from './conflicted';
import { EventSource } from './event-source';

const v12 = roomVersion('12')!;

describe('v2-state-res "Auth difference"', () => {
  test('holds the auth events only some state sets reach, not unconflicted state events', () => {
    const [room, base] = standardStateResRoom(v12);
    base.send('MA', ALICE, 'm.room.member', ALICE, { membership: 'join', displayname: 'Alice' });
    base.send('MB', BOB, 'm.room.member', BOB, { membership: 'join', displayname: 'Bob' });
    const a = base.fork();
    const b = base.fork();
    // PA cites MA (Alice's membership) and PA0; nothing in b cites MA, though b's state holds it.
    a.send('PA0', ALICE, 'm.room.power_levels', '', powerLevelsContent(v12, { [BOB]: 10 }));
    a.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v12, { [BOB]: 20 }));
    b.send('TB', BOB, 'm.room.topic', '', {}, { authEvents: room.ids('IPOWER', 'IMB') });
    const sets = [a.state, b.state];
    const source = new EventSource(v12, room.lookup, new AuthChainCache());
    const difference = authDifference(source, sets, separateStateV2(sets));
    // IPOWER and IMB are in every chain (MB, in both states, cites them); MA is in both states.
    expect([...difference].sort()).toEqual(room.ids('PA', 'PA0', 'TB').sort());
  });
});
