import fc from 'fast-check';
import { JsonObject } from '../events/pdu.types';
import { roomVersion } from '../room-versions/room-versions';
import { StateMap } from '../state/state-map';
import { ALICE, BOB, CHARLIE, EVELYN, powerLevelsContent, standardStateResRoom, ZARA } from '../testing';
import { resolveState } from './resolve-state';

const USERS = [ALICE, BOB, CHARLIE, ZARA, EVELYN];

type Op = {
  readonly fork: number;
  readonly kind: 'topic' | 'name' | 'power' | 'ban' | 'kick' | 'join' | 'leave' | 'joinRules';
  readonly actor: number;
  readonly target: number;
  readonly level: number;
  readonly ts: number;
};

const op: fc.Arbitrary<Op> = fc.record({
  fork: fc.nat(2),
  kind: fc.constantFrom('topic', 'name', 'power', 'ban', 'kick', 'join', 'leave', 'joinRules'),
  actor: fc.nat(USERS.length - 1),
  target: fc.nat(USERS.length - 1),
  level: fc.constantFrom(0, 50, 100),
  // A few distinct timestamps, so that ties are common and event IDs break them.
  ts: fc.integer({ min: 1_000, max: 1_004 }),
});

/** A deterministic shuffle, so fast-check can shrink a failing case by its seed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe.each(['1', '10', '12'])('resolveState, room version %s (property)', (id) => {
  const v = roomVersion(id)!;

  test('the result does not depend on the order of the state sets or of the entries in them', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 18 }), fc.integer(), (ops, seed) => {
        const [room, base] = standardStateResRoom(v);
        const forks = [base.fork(), base.fork(), base.fork()];
        ops.forEach((o, i) => {
          const actor = USERS[o.actor];
          const target = USERS[o.target];
          const name = `E${i}`;
          const options = { ts: o.ts };
          const branch = forks[o.fork];
          const send = (type: string, key: string, content: JsonObject) =>
            branch.send(name, actor, type, key, content, options);
          if (o.kind === 'topic') send('m.room.topic', '', { topic: name });
          else if (o.kind === 'name') send('m.room.name', '', { name });
          else if (o.kind === 'power') {
            send('m.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [target]: o.level }));
          } else if (o.kind === 'ban') send('m.room.member', target, { membership: 'ban' });
          else if (o.kind === 'kick') send('m.room.member', target, { membership: 'leave' });
          else if (o.kind === 'join') send('m.room.member', actor, { membership: 'join' });
          else if (o.kind === 'leave') send('m.room.member', actor, { membership: 'leave' });
          else send('m.room.join_rules', '', { join_rule: o.level === 0 ? 'public' : 'invite' });
        });

        const sets: StateMap<string>[] = forks.map((f) => f.state);
        const expected = resolveState(v, sets, room.lookup);
        const reordered = shuffled(sets, seed).map((set, i) => new Map(shuffled([...set], seed + i)));
        const actual = resolveState(v, reordered, room.lookup);
        expect(new Map([...actual].sort())).toEqual(new Map([...expected].sort()));

        // Whatever the algorithm, a key all state sets agree on keeps its event.
        for (const [key, eventId] of sets[0]) {
          if (sets.every((s) => s.get(key) === eventId)) expect(expected.get(key)).toBe(eventId);
        }
      }),
      { numRuns: 150 },
    );
  });
});
