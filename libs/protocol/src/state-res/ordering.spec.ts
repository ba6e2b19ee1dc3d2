import { roomVersion } from '../room-versions/room-versions';
import { ALICE, BOB, CHARLIE, powerLevelsContent, standardStateResRoom, ZARA } from '../testing';
import { AuthChainCache } from './auth-chain-cache';
import { compareEventIds } from './compare-event-ids';
import { EventSource } from './event-source';
import { mainlineOrdering } from './mainline-ordering';
import { reverseTopologicalPowerOrdering } from './reverse-topological-power-ordering';

const v10 = roomVersion('10')!;

function roomWithBobAt50() {
  const [room, base] = standardStateResRoom(v10);
  base.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v10, { [ALICE]: 100, [BOB]: 50 }));
  return { room, base, source: new EventSource(v10, room.lookup, new AuthChainCache()) };
}

describe('v2-state-res "Reverse topological power ordering"', () => {
  test('candidates go by sender power (greater first), then origin_server_ts, then event_id', () => {
    const { room, base, source } = roomWithBobAt50();
    base.fork().send('J4', ZARA, 'm.room.topic', '', {}, { ts: 100 });
    base.fork().send('J1', ALICE, 'm.room.topic', '', {}, { ts: 300 });
    base.fork().send('J3', CHARLIE, 'm.room.topic', '', {}, { ts: 100 });
    base.fork().send('J2', BOB, 'm.room.topic', '', {}, { ts: 200 });
    base.fork().send('J0', CHARLIE, 'm.room.topic', '', {}, { ts: 50 });
    const order = reverseTopologicalPowerOrdering(source, room.ids('J4', 'J1', 'J3', 'J2', 'J0'));
    expect(order).toEqual(room.ids('J1', 'J2', 'J0', 'J3', 'J4'));
  });

  test('auth events come before the events they authorise, whatever their power', () => {
    const { room, base, source } = roomWithBobAt50();
    const low = base.fork().send('L', CHARLIE, 'm.room.topic', '', {}, { ts: 900 });
    base.fork().send('K', ALICE, 'm.room.topic', '', {}, { ts: 1, authEvents: [low.eventId] });
    expect(reverseTopologicalPowerOrdering(source, room.ids('K', 'L'))).toEqual(room.ids('L', 'K'));
    expect(reverseTopologicalPowerOrdering(source, room.ids('L', 'K'))).toEqual(room.ids('L', 'K'));
  });

  test("in v12 a creator's power is infinite, above any power level", () => {
    const v12 = roomVersion('12')!;
    const [room, base] = standardStateResRoom(v12);
    base.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v12, { [BOB]: 1_000_000 }));
    base.fork().send('TB', BOB, 'm.room.topic', '', {}, { ts: 1 });
    base.fork().send('TA', ALICE, 'm.room.topic', '', {}, { ts: 2 });
    const source = new EventSource(v12, room.lookup, new AuthChainCache());
    expect(reverseTopologicalPowerOrdering(source, room.ids('TB', 'TA'))).toEqual(room.ids('TA', 'TB'));
  });
});

describe('v2-state-res "Mainline ordering"', () => {
  test('greater mainline position first (∞ before all), then origin_server_ts, then event_id', () => {
    const { room, base, source } = roomWithBobAt50();
    const onPb = base.fork();
    onPb.send('PB', ALICE, 'm.room.power_levels', '', powerLevelsContent(v10, { [ALICE]: 100, [BOB]: 60 }));
    onPb.send('X', ALICE, 'm.room.topic', '', {}, { ts: 1 });
    // PC is not on the mainline of PB, but its own power levels auth event PA is.
    const onPc = base.fork();
    onPc.send('PC', ALICE, 'm.room.power_levels', '', powerLevelsContent(v10, { [ALICE]: 100, [BOB]: 70 }));
    onPc.send('W', ALICE, 'm.room.topic', '', {}, { ts: 500 });
    base.fork().send('Y', ALICE, 'm.room.topic', '', {}, { ts: 400 });
    base.fork().send('Y2', ALICE, 'm.room.topic', '', {}, { ts: 400 });
    base
      .fork()
      .send('Z', ALICE, 'm.room.topic', '', {}, { ts: 9_000, authEvents: room.ids('CREATE', 'IMA') });
    const ordered = mainlineOrdering(source, room.ids('X', 'W', 'Y2', 'Z', 'Y'), room.eventId('PB'));
    expect(ordered).toEqual(room.ids('Z', 'Y', 'Y2', 'W', 'X'));
  });

  test('without a power levels event every position is ∞ and timestamps decide', () => {
    const { room, base, source } = roomWithBobAt50();
    base.fork().send('A', ALICE, 'm.room.topic', '', {}, { ts: 2 });
    base.fork().send('B', ALICE, 'm.room.topic', '', {}, { ts: 1 });
    expect(mainlineOrdering(source, room.ids('A', 'B'), undefined)).toEqual(room.ids('B', 'A'));
  });
});

describe('event ID order', () => {
  test('is code point order, not UTF-16 code unit order', () => {
    const astral = '$\u{1F600}';
    const highBmp = '$\uFF21';
    expect(compareEventIds(highBmp, astral)).toBeLessThan(0);
    expect(compareEventIds(astral, highBmp)).toBeGreaterThan(0);
    expect(compareEventIds('$a', '$b')).toBeLessThan(0);
    expect(compareEventIds('$a', '$ab')).toBeLessThan(0);
    expect(compareEventIds('$a', '$a')).toBe(0);
  });
});
