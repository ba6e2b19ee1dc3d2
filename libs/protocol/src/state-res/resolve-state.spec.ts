import { MatrixError } from '../errors/matrix-error';
import { roomVersion } from '../room-versions/room-versions';
import { RoomVersion } from '../room-versions/room-version.types';
import { StateMap, stateKey } from '../state/state-map';
import {
  ALICE,
  BOB,
  CHARLIE,
  EVELYN,
  powerLevelsContent,
  standardStateResRoom,
  StateResBranch,
  StateResRoom,
} from '../testing';
import { AuthChainCache } from './auth-chain-cache';
import { authChainOf } from './auth-chain-of';
import { resolveState } from './resolve-state';
import { ResolveStateOptions } from './state-res.types';

const TOPIC = stateKey('m.room.topic', '');
const NAME = stateKey('m.room.name', '');
const POWER_LEVELS = stateKey('m.room.power_levels', '');
const JOIN_RULES = stateKey('m.room.join_rules', '');
const member = (user: string): string => stateKey('m.room.member', user);

function version(id: string): RoomVersion {
  const v = roomVersion(id);
  if (v === undefined) throw new Error(`no room version ${id}`);
  return v;
}

function resolve(
  room: StateResRoom,
  sets: readonly (StateResBranch | StateMap<string>)[],
  options?: ResolveStateOptions,
): StateMap<string> {
  const maps = sets.map((s) => (s instanceof StateResBranch ? s.state : s));
  return resolveState(room.version, maps, room.lookup, options);
}

/** Resolves in both orders of the two state sets, which must agree. */
function resolveBoth(room: StateResRoom, a: StateResBranch, b: StateResBranch): StateMap<string> {
  const resolved = resolve(room, [a, b]);
  expect(resolve(room, [b, a])).toEqual(resolved);
  return resolved;
}

describe.each(['2', '6', '10', '11', '12'])('state resolution v2 classic cases, room version %s', (id) => {
  const v = version(id);

  test('server-server-api "Room State Resolution" example: E3 and E4 both set the name; E5 sees the later', () => {
    const [room, e0] = StateResRoom.create(v, ALICE, 'E0');
    e0.send('E1', ALICE, 'm.room.member', ALICE, { membership: 'join' });
    const left = e0.fork();
    const right = e0.fork();
    left.send('E2', ALICE, 'm.room.topic', '', { topic: 'left' });
    left.send('E3', ALICE, 'm.room.name', '', { name: 'left' });
    right.send('E4', ALICE, 'm.room.name', '', { name: 'right' });
    const e5 = room.merge(left, right);
    // No power levels event: every mainline position is ∞, so origin_server_ts decides.
    expect(e5.state.get(NAME)).toBe(room.eventId('E4'));
    expect(e5.state.get(TOPIC)).toBe(room.eventId('E2'));
    expect(e5.heads).toEqual(room.ids('E3', 'E4'));
  });

  test('mainline ordering: a name without power levels in its auth events is applied before one with', () => {
    const [room, e0] = StateResRoom.create(v, ALICE, 'E0');
    e0.send('E1', ALICE, 'm.room.member', ALICE, { membership: 'join' });
    const left = e0.fork();
    const right = e0.fork();
    left.send('E2', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100 }));
    left.send('E3', ALICE, 'm.room.name', '', { name: 'left' });
    right.send('E4', ALICE, 'm.room.name', '', { name: 'right' });
    const resolved = resolveBoth(room, left, right);
    expect(resolved.get(POWER_LEVELS)).toBe(room.eventId('E2'));
    // E4 cites no power levels event: position ∞ sorts first; E3 (position 0) is applied last.
    expect(resolved.get(NAME)).toBe(room.eventId('E3'));
  });

  test('unconflicted state is kept; a conflicted key goes to the event that passes auth', () => {
    const [room, base] = standardStateResRoom(v);
    base.send('T0', ALICE, 'm.room.topic', '', { topic: 'shared' });
    const a = base.fork();
    const b = base.fork();
    a.send('NA', ALICE, 'm.room.name', '', { name: 'A' });
    b.send('NB', BOB, 'm.room.name', '', { name: 'B' });
    const resolved = resolveBoth(room, a, b);
    for (const [key, eventId] of base.state) expect(resolved.get(key)).toBe(eventId);
    // Bob's name fails "If the event type's required power level is greater than the sender's
    // power level, reject" (state_default 50 > 0), though it is the later one.
    expect(resolved.get(NAME)).toBe(room.eventId('NA'));
  });

  test('a ban racing a join: the ban wins and the join is rejected', () => {
    const [room, base] = standardStateResRoom(v);
    const banned = base.fork();
    const joined = base.fork();
    banned.send('MB', ALICE, 'm.room.member', EVELYN, { membership: 'ban' });
    joined.send('ME', EVELYN, 'm.room.member', EVELYN, { membership: 'join' });
    expect(resolveBoth(room, banned, joined).get(member(EVELYN))).toBe(room.eventId('MB'));
  });

  test('a ban racing a power levels change by the banned user: the ban wins', () => {
    const [room, base] = standardStateResRoom(v);
    base.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    const a = base.fork();
    const b = base.fork();
    a.send('MA', ALICE, 'm.room.member', ALICE, { membership: 'join', displayname: 'Alice' });
    a.send('MB', ALICE, 'm.room.member', BOB, { membership: 'ban' });
    b.send(
      'PB',
      BOB,
      'm.room.power_levels',
      '',
      powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50, [CHARLIE]: 50 }),
    );
    const resolved = resolveBoth(room, a, b);
    expect(resolved.get(POWER_LEVELS)).toBe(room.eventId('PA'));
    expect(resolved.get(member(BOB))).toBe(room.eventId('MB'));
    expect(resolved.get(member(ALICE))).toBe(room.eventId('MA'));
  });

  test('power levels changes racing: the demotion is applied first and the demoted change fails', () => {
    const [room, base] = standardStateResRoom(v);
    base.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    const a = base.fork();
    const b = base.fork();
    a.send(
      'PB',
      BOB,
      'm.room.power_levels',
      '',
      powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50, [CHARLIE]: 50 }),
    );
    b.send('PC', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 0 }));
    expect(resolveBoth(room, a, b).get(POWER_LEVELS)).toBe(room.eventId('PC'));
  });

  test('join rules made invite-only racing a join: the join is rejected (join rule evasion)', () => {
    const [room, base] = standardStateResRoom(v);
    const a = base.fork();
    const b = base.fork();
    a.send('JR', ALICE, 'm.room.join_rules', '', { join_rule: 'invite' });
    b.send('ME', EVELYN, 'm.room.member', EVELYN, { membership: 'join' });
    const resolved = resolveBoth(room, a, b);
    expect(resolved.get(JOIN_RULES)).toBe(room.eventId('JR'));
    expect(resolved.has(member(EVELYN))).toBe(false);
  });

  test('topic reset: the topic of a user banned on the other fork reverts to the earlier topic', () => {
    const [room, base] = standardStateResRoom(v);
    base.send('T1', ALICE, 'm.room.topic', '', { topic: 'one' });
    const a = base.fork();
    a.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    a.send('T2', BOB, 'm.room.topic', '', { topic: 'two' });
    a.send('MB', ALICE, 'm.room.member', BOB, { membership: 'ban' });
    const resolved = resolveBoth(room, a, base);
    expect(resolved.get(TOPIC)).toBe(room.eventId('T1'));
    expect(resolved.get(POWER_LEVELS)).toBe(room.eventId('PA'));
    expect(resolved.get(member(BOB))).toBe(room.eventId('MB'));
  });

  test('power ordering: the higher-powered sender goes first, so the lower-powered change is applied last', () => {
    const [room, base] = standardStateResRoom(v);
    base.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    const a = base.fork();
    const b = base.fork();
    a.send('JRB', BOB, 'm.room.join_rules', '', { join_rule: 'invite' }, { ts: 10_000 });
    b.send('JRA', ALICE, 'm.room.join_rules', '', { join_rule: 'knock' }, { ts: 20_000 });
    expect(resolveBoth(room, a, b).get(JOIN_RULES)).toBe(room.eventId('JRB'));
  });

  test('mainline ordering: a topic based on a later power levels event is applied after one based on an earlier', () => {
    const [room, base] = standardStateResRoom(v);
    const a = base.fork();
    const b = base.fork();
    a.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    a.send('TA', BOB, 'm.room.topic', '', { topic: 'based on PA' }, { ts: 100 });
    b.send('TB', ALICE, 'm.room.topic', '', { topic: 'based on IPOWER' }, { ts: 1_000 });
    const resolved = resolveBoth(room, a, b);
    expect(resolved.get(POWER_LEVELS)).toBe(room.eventId('PA'));
    expect(resolved.get(TOPIC)).toBe(room.eventId('TA'));
  });

  test('mainline ordering ties are broken by origin_server_ts', () => {
    const [room, base] = standardStateResRoom(v);
    const a = base.fork();
    const b = base.fork();
    a.send('TA', ALICE, 'm.room.topic', '', { topic: 'a' }, { ts: 2_000 });
    b.send('TB', ALICE, 'm.room.topic', '', { topic: 'b' }, { ts: 1_000 });
    expect(resolveBoth(room, a, b).get(TOPIC)).toBe(room.eventId('TA'));
  });

  test('mainline ordering ties with equal origin_server_ts are broken by event ID', () => {
    const [room, base] = standardStateResRoom(v);
    const a = base.fork();
    const b = base.fork();
    a.send('TB', ALICE, 'm.room.topic', '', { topic: 'b' }, { ts: 1_000 });
    b.send('TA', ALICE, 'm.room.topic', '', { topic: 'a' }, { ts: 1_000 });
    // $TA < $TB, so $TB is applied last.
    expect(resolveBoth(room, a, b).get(TOPIC)).toBe(room.eventId('TB'));
  });

  test('an off-topic power levels change after a fork still stands (offtopic pl)', () => {
    const [room, base] = standardStateResRoom(v);
    base.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    const a = base.fork();
    a.send(
      'PB',
      BOB,
      'm.room.power_levels',
      '',
      powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50, [CHARLIE]: 50 }),
    );
    a.send(
      'PC',
      CHARLIE,
      'm.room.power_levels',
      '',
      powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50, [CHARLIE]: 0 }),
    );
    expect(resolveBoth(room, a, base).get(POWER_LEVELS)).toBe(room.eventId('PC'));
  });

  test("a demotion racing the demoted user's power levels change and topic: both of theirs fail", () => {
    const [room, base] = standardStateResRoom(v);
    base.send('T1', ALICE, 'm.room.topic', '', { topic: '1' });
    base.send('PA1', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    const a = base.fork();
    const b = base.fork();
    a.send('T2', ALICE, 'm.room.topic', '', { topic: '2' });
    a.send('PA2', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 0 }));
    b.send('PB', BOB, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    b.send('T3', BOB, 'm.room.topic', '', { topic: '3' });
    const resolved = resolveBoth(room, a, b);
    expect(resolved.get(POWER_LEVELS)).toBe(room.eventId('PA2'));
    expect(resolved.get(TOPIC)).toBe(room.eventId('T2'));

    // After the merge, Alice sets the topic again; the state at a later event that cites both the
    // merge and her topic keeps her topic and the resolved power levels.
    const merged = room.merge(a, b);
    const after = merged.fork();
    after.send('T4', ALICE, 'm.room.topic', '', { topic: '4' });
    const end = resolveBoth(room, after, merged);
    expect(end.get(TOPIC)).toBe(room.eventId('T4'));
    expect(end.get(POWER_LEVELS)).toBe(room.eventId('PA2'));
  });

  test('mainline ordering picks the topic based on the resolved power levels over a later one', () => {
    const [room, base] = standardStateResRoom(v);
    base.send('T1', ALICE, 'm.room.topic', '', { topic: '1' });
    base.send('PA1', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    const a = base.fork();
    const b = base.fork();
    a.send('T2', ALICE, 'm.room.topic', '', { topic: '2' });
    a.send('PA2', ALICE, 'm.room.power_levels', '', {
      ...powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }),
      events: { 'm.room.power_levels': 100 },
    });
    a.send('T3', BOB, 'm.room.topic', '', { topic: '3' });
    b.send('PB', BOB, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    b.send('T4', ALICE, 'm.room.topic', '', { topic: '4' });
    const resolved = resolveBoth(room, a, b);
    // T4 is the latest, but it is based on PB, off the mainline (PA1), and T3 on PA2.
    expect(resolved.get(POWER_LEVELS)).toBe(room.eventId('PA2'));
    expect(resolved.get(TOPIC)).toBe(room.eventId('T3'));
  });

  test('three state sets resolve as two do, whatever their order', () => {
    const [room, base] = standardStateResRoom(v);
    const a = base.fork();
    const b = base.fork();
    const c = base.fork();
    a.send('MB', ALICE, 'm.room.member', EVELYN, { membership: 'ban' });
    b.send('ME', EVELYN, 'm.room.member', EVELYN, { membership: 'join' });
    c.send('TC', CHARLIE, 'm.room.topic', '', { topic: 'c' });
    c.send('TA', ALICE, 'm.room.topic', '', { topic: 'a' });
    const resolved = resolve(room, [a, b, c]);
    expect(resolve(room, [c, a, b])).toEqual(resolved);
    expect(resolve(room, [b, c, a])).toEqual(resolved);
    expect(resolved.get(member(EVELYN))).toBe(room.eventId('MB'));
    expect(resolved.get(TOPIC)).toBe(room.eventId('TA'));
  });
});

describe('rooms/v12.md state resolution (v2.1) against v2', () => {
  /**
   * P1 -> P2 -> P3 is a chain of power levels events (each the auth event of the next). One state
   * set was reset to P1 while keeping Charlie's membership, which P2 authorised, so P2 is in every
   * auth chain: no auth difference, and in v2 not in the full conflicted set.
   */
  function resetPowerLevels(id: string): [StateResRoom, StateMap<string>, StateMap<string>] {
    const v = version(id);
    const [room, base] = standardStateResRoom(v);
    base.send('P1', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    base.send(
      'P2',
      BOB,
      'm.room.power_levels',
      '',
      powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50, [CHARLIE]: 50 }),
    );
    base.send('MC', CHARLIE, 'm.room.member', CHARLIE, { membership: 'join', displayname: 'Charlie' });
    base.send('P3', CHARLIE, 'm.room.power_levels', '', {
      ...powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50, [CHARLIE]: 50 }),
      events: { 'm.room.topic': 50 },
    });
    const reset = new Map(base.state).set(POWER_LEVELS, room.eventId('P1'));
    return [room, base.state, reset];
  }

  test('v2 loses events between conflicted events: P3 is checked against P1 and rejected', () => {
    const [room, current, reset] = resetPowerLevels('11');
    expect(resolve(room, [current, reset]).get(POWER_LEVELS)).toBe(room.eventId('P1'));
  });

  test('v2.1 adds the conflicted state subgraph: P2 lies between P3 and P1, is replayed, and P3 stands', () => {
    const [room, current, reset] = resetPowerLevels('12');
    expect(resolve(room, [current, reset]).get(POWER_LEVELS)).toBe(room.eventId('P3'));
    expect(resolve(room, [reset, current]).get(POWER_LEVELS)).toBe(room.eventId('P3'));
  });

  /**
   * Bob's topic TB was sent before Alice banned him (MB); a state set claims the ban together with
   * Alice's topic TA, so the ban is unconflicted and the topics conflict.
   */
  function banUnconflicted(id: string): [StateResRoom, StateMap<string>, StateMap<string>] {
    const v = version(id);
    const [room, base] = standardStateResRoom(v);
    base.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v, { [ALICE]: 100, [BOB]: 50 }));
    const a = base.fork();
    const b = base.fork();
    b.send('TA', ALICE, 'm.room.topic', '', { topic: 'a' }, { ts: 1 });
    a.send('TB', BOB, 'm.room.topic', '', { topic: 'b' });
    a.send('MB', ALICE, 'm.room.member', BOB, { membership: 'ban' });
    return [room, a.state, new Map(b.state).set(member(BOB), room.eventId('MB'))];
  }

  test('v2 starts the iterative auth checks from the unconflicted state, where Bob is banned', () => {
    const [room, a, b] = banUnconflicted('11');
    expect(resolve(room, [a, b]).get(TOPIC)).toBe(room.eventId('TA'));
  });

  test("v2.1 starts from an empty state: the rules read Bob's membership from TB's auth events", () => {
    const [room, a, b] = banUnconflicted('12');
    const resolved = resolve(room, [a, b]);
    expect(resolved.get(TOPIC)).toBe(room.eventId('TB'));
    // Step 5 then puts the unconflicted ban back.
    expect(resolved.get(member(BOB))).toBe(room.eventId('MB'));
  });

  test('an auth event rejected against its auth chain is not used by the iterative auth checks', () => {
    const [room, a, b] = banUnconflicted('12');
    const imb = room.eventId('IMB');
    const resolved = resolve(room, [a, b], { isRejected: (eventId) => eventId === imb });
    expect(resolved.get(TOPIC)).toBe(room.eventId('TA'));
  });
});

describe('rooms/v1.md state resolution', () => {
  const v1 = version('1');

  test('a key only one state set has is not a conflict, so a join evades invite-only join rules', () => {
    const [room, base] = standardStateResRoom(v1);
    const a = base.fork();
    const b = base.fork();
    a.send('JR', ALICE, 'm.room.join_rules', '', { join_rule: 'invite' });
    b.send('ME', EVELYN, 'm.room.member', EVELYN, { membership: 'join' });
    const resolved = resolveBoth(room, a, b);
    expect(resolved.get(JOIN_RULES)).toBe(room.eventId('JR'));
    expect(resolved.get(member(EVELYN))).toBe(room.eventId('ME'));
  });

  test('other conflicts go to the highest depth that passes auth; v2 picks by mainline and timestamp', () => {
    for (const [id, winner] of [
      ['1', 'T3'],
      ['2', 'TB'],
    ]) {
      const [room, base] = standardStateResRoom(version(id));
      const a = base.fork();
      const b = base.fork();
      a.send('T1', ALICE, 'm.room.topic', '', { topic: '1' }, { ts: 100 });
      a.send('T2', ALICE, 'm.room.topic', '', { topic: '2' }, { ts: 101 });
      a.send('T3', ALICE, 'm.room.topic', '', { topic: '3' }, { ts: 102 });
      b.send('TB', ALICE, 'm.room.topic', '', { topic: 'b' }, { ts: 200 });
      expect(resolveBoth(room, a, b).get(TOPIC)).toBe(room.eventId(winner));
    }
  });

  test('other conflicts where no event passes auth leave the key out', () => {
    const [room, base] = standardStateResRoom(v1);
    const a = base.fork();
    const b = base.fork();
    a.send('TB', BOB, 'm.room.topic', '', { topic: 'b' });
    b.send('TC', CHARLIE, 'm.room.topic', '', { topic: 'c' });
    expect(resolveBoth(room, a, b).has(TOPIC)).toBe(false);
  });

  test('power levels: ascending depth, the first taken as is, then each until one fails auth', () => {
    const [room, base] = standardStateResRoom(v1);
    base.send('PA', ALICE, 'm.room.power_levels', '', powerLevelsContent(v1, { [ALICE]: 100, [BOB]: 50 }));
    const a = base.fork();
    const b = base.fork();
    a.send('P1', ALICE, 'm.room.power_levels', '', powerLevelsContent(v1, { [ALICE]: 100, [BOB]: 0 }));
    b.send('TX', ALICE, 'm.room.topic', '', { topic: 'deeper' });
    b.send(
      'P2',
      BOB,
      'm.room.power_levels',
      '',
      powerLevelsContent(v1, { [ALICE]: 100, [BOB]: 50, [CHARLIE]: 50 }),
    );
    expect(resolveBoth(room, a, b).get(POWER_LEVELS)).toBe(room.eventId('P1'));
  });

  test('a ban racing a join: the membership conflict keeps the ban', () => {
    const [room, base] = standardStateResRoom(v1);
    const a = base.fork();
    const b = base.fork();
    a.send('ME', EVELYN, 'm.room.member', EVELYN, { membership: 'join' });
    b.send('MB', ALICE, 'm.room.member', EVELYN, { membership: 'ban' });
    // Equal depths, so sha1(event_id) orders them: the ban first, then the join fails ("If the
    // sender is banned, reject"); or the join first, then the ban passes and replaces it.
    expect(resolveBoth(room, a, b).get(member(EVELYN))).toBe(room.eventId('MB'));
  });
});

describe('resolveState input and caching', () => {
  test('a missing event is a MatrixError M_NOT_FOUND naming it', () => {
    const v = version('10');
    const [room, base] = standardStateResRoom(v);
    const a = base.fork();
    const b = base.fork();
    a.send('TA', ALICE, 'm.room.topic', '', { topic: 'a' });
    b.send('TB', BOB, 'm.room.topic', '', { topic: 'b' });
    for (const missing of [room.eventId('TB'), room.eventId('IMB'), room.eventId('CREATE')]) {
      const lookup = (eventId: string) => (eventId === missing ? undefined : room.lookup(eventId));
      let error: unknown;
      try {
        resolveState(v, [a.state, b.state], lookup);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MatrixError);
      expect(error).toMatchObject({ errcode: 'M_NOT_FOUND', status: 404, extra: { event_id: missing } });
    }
  });

  test('no state sets resolve to the empty state, one to itself', () => {
    const v = version('12');
    const [room, base] = standardStateResRoom(v);
    expect(resolveState(v, [], room.lookup).size).toBe(0);
    expect(resolveState(v, [base.state], room.lookup)).toEqual(base.state);
  });

  test('a shared AuthChainCache gives the same result and keeps the parsed auth edges', () => {
    const v = version('12');
    const [room, base] = standardStateResRoom(v);
    const a = base.fork();
    const b = base.fork();
    a.send('MB', ALICE, 'm.room.member', EVELYN, { membership: 'ban' });
    b.send('ME', EVELYN, 'm.room.member', EVELYN, { membership: 'join' });
    const cache = new AuthChainCache();
    const first = resolveState(v, [a.state, b.state], room.lookup, { authChainCache: cache });
    expect(cache.authEdges.size).toBeGreaterThan(0);
    const second = resolveState(v, [b.state, a.state], room.lookup, { authChainCache: cache });
    expect(second).toEqual(first);
    expect(second).toEqual(resolveState(v, [a.state, b.state], room.lookup));
  });

  test('authChainOf walks auth_events, and in v12 the create event the room ID implies', () => {
    for (const id of ['1', '11', '12']) {
      const v = version(id);
      const [room] = standardStateResRoom(v);
      const chain = authChainOf(v, [room.eventId('IMB')], room.lookup);
      expect([...chain].sort()).toEqual(room.ids('CREATE', 'IJR', 'IMA', 'IPOWER').sort());
    }
  });
});
