/**
 * Throughput of libs/protocol's hot paths: hashing and signing outgoing events, checking incoming
 * ones, the authorization rules, and state resolution of two large forks. Plain TypeScript with
 * no framework, so it runs from a swc build (see bench/README.md); results go in README.md.
 */
import { cpus } from 'node:os';
import {
  addHashesAndSignatures,
  authorizeEvent,
  AuthChainCache,
  checkHashesAndSignatures,
  computeEventId,
  IdentifiedPdu,
  Pdu,
  resolveState,
  roomVersion,
  RoomVersion,
  signingKeyFromSeed,
  StateMap,
  stateKey,
} from '@switchboard/protocol';
import { ALICE, powerLevelsContent, standardStateResRoom } from '@switchboard/protocol/testing';

const SERVER = 'bench.example';
const KEY_ID = 'ed25519:bench';

interface Result {
  readonly what: string;
  readonly perSecond?: number;
  readonly ms?: number;
  readonly note: string;
}

/** Runs `fn` in rounds for at least `minMs`, after a warm-up, and reports operations per second. */
function throughput(what: string, note: string, fn: () => unknown, minMs = 1_500): Result {
  for (let i = 0; i < 200; i++) fn();
  let ops = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 100; i++) fn();
    ops += 100;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return { what, perSecond: (ops * 1000) / elapsed, note };
}

/** The median wall time of `runs` calls of `fn`, after one warm-up call. */
function medianMs(what: string, note: string, runs: number, fn: () => unknown): Result {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return { what, ms: times[Math.floor(times.length / 2)], note };
}

function requireVersion(id: string): RoomVersion {
  const version = roomVersion(id);
  if (version === undefined) throw new Error(`no room version ${id}`);
  return version;
}

function messagePdu(): Pdu {
  return {
    room_id: '!bench:bench.example',
    sender: `@alice:${SERVER}`,
    type: 'm.room.message',
    content: {
      msgtype: 'm.text',
      body: 'The quick brown fox jumps over the lazy dog '.repeat(4),
      'm.mentions': {},
    },
    origin_server_ts: 1_700_000_000_000,
    prev_events: [
      '$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      '$bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
    ],
    auth_events: [
      '$ccccccccccccccccccccccccccccccccccccccccccc',
      '$ddddddddddddddddddddddddddddddddddddddddddd',
      '$eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee',
    ],
    depth: 1234,
    hashes: { sha256: '' },
    signatures: {},
  };
}

function signingBenches(): Result[] {
  const version = requireVersion('11');
  const key = signingKeyFromSeed(new Uint8Array(32).fill(7), KEY_ID);
  const pdu = messagePdu();
  const signed = addHashesAndSignatures(pdu, version, SERVER, KEY_ID, key);
  const lookup = (server: string, keyId: string) =>
    server === SERVER && keyId === KEY_ID ? key.publicKeyBase64 : undefined;
  if (checkHashesAndSignatures(signed, version, lookup).status !== 'ok')
    throw new Error('bench event does not verify');
  return [
    throughput(
      'sign an event',
      'addHashesAndSignatures: canonical JSON + sha256 content hash, redact, canonical JSON + ed25519 sign (m.room.message, v11)',
      () => addHashesAndSignatures(pdu, version, SERVER, KEY_ID, key),
    ),
    throughput(
      'verify an event',
      'checkHashesAndSignatures: redact, canonical JSON + ed25519 verify, content hash (same event)',
      () => checkHashesAndSignatures(signed, version, lookup),
    ),
    throughput('event ID', 'computeEventId: redact, canonical JSON, sha256 reference hash', () =>
      computeEventId(signed, version),
    ),
  ];
}

function authBenches(): Result[] {
  const version = requireVersion('12');
  const [room, branch] = standardStateResRoom(version);
  const event = branch.send('MSG', ALICE, 'm.room.topic', '', { topic: 'bench' });
  const state = new Map<string, IdentifiedPdu>();
  for (const [key, id] of branch.state) state.set(key, room.lookup(id) as IdentifiedPdu);
  if (!authorizeEvent(version, event, state).allowed) throw new Error('bench event is not allowed');
  const join = branch.send('JOIN', '@newcomer:example.com', 'm.room.member', '@newcomer:example.com', {
    membership: 'join',
  });
  return [
    throughput('auth check (state event)', 'authorizeEvent: m.room.topic by a joined creator, v12', () =>
      authorizeEvent(version, event, state),
    ),
    throughput('auth check (join)', 'authorizeEvent: m.room.member join to a public room, v12', () =>
      authorizeEvent(version, join, state),
    ),
  ];
}

type Shape = 'members' | 'bans' | 'power-chain';

/**
 * Two forks from a shared room, each sending `conflicted / 2` state events, so that about
 * `conflicted` events end up in the full conflicted set:
 * - members: the same users join on both forks (a different displayname on each); on one fork
 *   every 100th is banned instead, and every 500th step is a power levels change;
 * - bans: Alice bans the same users on both forks (with a different reason), all power events;
 * - power-chain: Alice changes the power levels `conflicted / 2` times on each fork, so one
 *   conflicted key and a deep auth difference, all power events and a long mainline.
 */
function forks(version: RoomVersion, shape: Shape, conflicted: number) {
  const [room, base] = standardStateResRoom(version);
  const sides = [base.fork(), base.fork()];
  sides.forEach((side, s) => {
    for (let i = 0; i < conflicted / 2; i++) {
      const user = `@user${i}:example.com`;
      if (shape === 'power-chain' || (shape === 'members' && i % 500 === 0)) {
        side.send(`P${s}_${i}`, ALICE, 'm.room.power_levels', '', {
          ...powerLevelsContent(version, { [ALICE]: 100 }),
          state_default: 50 + s,
          events_default: i,
        });
        if (shape === 'power-chain') continue;
      }
      if (shape === 'bans' || (i % 100 === 99 && s === 0)) {
        side.send(`B${s}_${i}`, ALICE, 'm.room.member', user, { membership: 'ban', reason: `side ${s}` });
      } else {
        side.send(`M${s}_${i}`, user, 'm.room.member', user, {
          membership: 'join',
          displayname: `side ${s}`,
        });
      }
    }
  });
  return { room, sets: sides.map((side) => side.state) as StateMap<string>[] };
}

function stateResBenches(): Result[] {
  const results: Result[] = [];
  for (const [id, name] of [
    ['11', 'v2'],
    ['12', 'v2.1'],
  ]) {
    const version = requireVersion(id);
    for (const [shape, conflicted] of [
      ['members', 1_000],
      ['members', 10_000],
      ['bans', 10_000],
      ['power-chain', 10_000],
    ] as const) {
      const { room, sets } = forks(version, shape, conflicted);
      const runs = conflicted >= 10_000 ? 5 : 25;
      const resolved = resolveState(version, sets, room.lookup);
      const conflictedKeys = [...sets[0].keys()].filter((k) => sets[0].get(k) !== sets[1].get(k)).length;
      if (resolved.get(stateKey('m.room.member', ALICE)) === undefined)
        throw new Error('resolution lost Alice');
      results.push(
        medianMs(
          `state res ${name}, ${conflicted.toLocaleString('en')} conflicted (${shape})`,
          `resolveState, room v${id}: two forks, ${conflictedKeys} conflicted keys, ${room.events.size} events; new AuthChainCache each run; median of ${runs}`,
          runs,
          () => resolveState(version, sets, room.lookup, { authChainCache: new AuthChainCache() }),
        ),
      );
    }
  }
  return results;
}

function main(): void {
  const results = [...signingBenches(), ...authBenches(), ...stateResBenches()];
  console.log(`node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'unknown CPU'}`);
  console.log('| what | result | how measured |');
  console.log('| --- | ---: | --- |');
  for (const r of results) {
    const value =
      r.perSecond !== undefined
        ? `${Math.round(r.perSecond).toLocaleString('en')} /s`
        : `${r.ms?.toFixed(0)} ms`;
    console.log(`| ${r.what} | ${value} | ${r.note} |`);
  }
}

main();
