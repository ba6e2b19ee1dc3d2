import fc from 'fast-check';
import { MatrixError } from '../errors/matrix-error';
import { ClientEvent } from '../events/client-event';
import { JsonObject, Pdu } from '../events/pdu.types';
import { roomVersion, ROOM_VERSIONS } from '../room-versions/room-versions';
import { RoomVersion } from '../room-versions/room-version.types';
import { redact, redactClientEvent, redactContent } from './index';

const v = (id: string) => roomVersion(id) as RoomVersion;

/** The lists of rooms/fragments/*-redactions, written out again here rather than taken from the code. */
const TOP_LEVEL_V1 = [
  'event_id',
  'type',
  'room_id',
  'sender',
  'state_key',
  'content',
  'hashes',
  'signatures',
  'depth',
  'prev_events',
  'prev_state',
  'auth_events',
  'origin',
  'origin_server_ts',
  'membership',
];
const TOP_LEVEL_V11 = [
  'event_id',
  'type',
  'room_id',
  'sender',
  'state_key',
  'content',
  'hashes',
  'signatures',
  'depth',
  'prev_events',
  'auth_events',
  'origin_server_ts',
];
const POWER_LEVELS = [
  'ban',
  'events',
  'events_default',
  'kick',
  'redact',
  'state_default',
  'users',
  'users_default',
];

const SPEC: Record<
  string,
  { fragment: string; rooms: string[]; topLevel: string[]; content: Record<string, string[]> }
> = {
  v1: {
    fragment: 'rooms/fragments/v1-redactions',
    rooms: ['1', '2', '3', '4', '5'],
    topLevel: TOP_LEVEL_V1,
    content: {
      'm.room.member': ['membership'],
      'm.room.create': ['creator'],
      'm.room.join_rules': ['join_rule'],
      'm.room.power_levels': POWER_LEVELS,
      'm.room.aliases': ['aliases'],
      'm.room.history_visibility': ['history_visibility'],
    },
  },
  v6: {
    fragment: 'rooms/fragments/v6-redactions',
    rooms: ['6', '7', '8'],
    topLevel: TOP_LEVEL_V1,
    content: {
      'm.room.member': ['membership'],
      'm.room.create': ['creator'],
      'm.room.join_rules': ['join_rule'],
      'm.room.power_levels': POWER_LEVELS,
      'm.room.history_visibility': ['history_visibility'],
    },
  },
  v9: {
    fragment: 'rooms/fragments/v9-redactions',
    rooms: ['9', '10'],
    topLevel: TOP_LEVEL_V1,
    content: {
      'm.room.member': ['membership', 'join_authorised_via_users_server'],
      'm.room.create': ['creator'],
      'm.room.join_rules': ['join_rule', 'allow'],
      'm.room.power_levels': POWER_LEVELS,
      'm.room.history_visibility': ['history_visibility'],
    },
  },
  v11: {
    fragment: 'rooms/fragments/v11-redactions',
    rooms: ['11', '12'],
    topLevel: TOP_LEVEL_V11,
    content: {
      'm.room.member': ['membership', 'join_authorised_via_users_server'],
      'm.room.join_rules': ['join_rule', 'allow'],
      'm.room.power_levels': [...POWER_LEVELS, 'invite'],
      'm.room.history_visibility': ['history_visibility'],
      'm.room.redaction': ['redacts'],
    },
  },
};

const ALL_TOP_LEVEL = [...TOP_LEVEL_V1, 'unsigned', 'redacts', 'age_ts', 'custom_key'];
const EVENT_TYPES = [
  'm.room.member',
  'm.room.create',
  'm.room.join_rules',
  'm.room.power_levels',
  'm.room.aliases',
  'm.room.history_visibility',
  'm.room.redaction',
  'm.room.message',
  'm.room.topic',
  'm.room.name',
  'constructor',
];
const ALL_CONTENT_KEYS = [
  ...new Set([
    ...Object.values(SPEC).flatMap((s) => Object.values(s.content).flat()),
    'creator',
    'room_version',
    'm.federate',
    'predecessor',
    'additional_creators',
    'body',
    'msgtype',
    'displayname',
    'avatar_url',
    'reason',
    'is_direct',
    'notifications',
    'name',
    'topic',
    'custom',
  ]),
];

function fullEvent(type: string): Pdu {
  const event: Record<string, unknown> = {};
  for (const key of ALL_TOP_LEVEL) event[key] = `value of ${key}`;
  event.type = type;
  event.content = Object.fromEntries(ALL_CONTENT_KEYS.map((k) => [k, `value of ${k}`]));
  return event as unknown as Pdu;
}

for (const [rules, spec] of Object.entries(SPEC)) {
  describe(`redact with ${rules} rules (${spec.fragment})`, () => {
    it(`applies to room versions ${spec.rooms.join(', ')}`, () => {
      const using = [...ROOM_VERSIONS.values()].filter((rv) => rv.redaction === rules).map((rv) => rv.id);
      expect(using).toEqual(spec.rooms);
    });

    describe.each(spec.rooms)('room version %s', (room) => {
      const redacted = redact(fullEvent('m.room.message'), v(room)) as unknown as Record<string, unknown>;
      it.each(ALL_TOP_LEVEL.map((k) => [spec.topLevel.includes(k) ? 'keeps' : 'strips', k] as const))(
        `${spec.fragment}: %s top-level key %s`,
        (verdict, key) => {
          if (key === 'content' || key === 'type') return expect(redacted).toHaveProperty(key);
          if (verdict === 'keeps') expect(redacted[key]).toBe(`value of ${key}`);
          else expect(redacted).not.toHaveProperty(key);
        },
      );
    });

    describe.each(EVENT_TYPES)('content of %s', (type) => {
      const kept =
        rules === 'v11' && type === 'm.room.create'
          ? ALL_CONTENT_KEYS
          : Object.hasOwn(spec.content, type)
            ? spec.content[type]
            : [];
      const redacted = redact(fullEvent(type), v(spec.rooms[0])).content;
      it.each(ALL_CONTENT_KEYS.map((k) => [kept.includes(k) ? 'keeps' : 'strips', k] as const))(
        `${spec.fragment}: %s content key %s`,
        (verdict, key) => {
          if (verdict === 'keeps') expect(redacted[key]).toBe(`value of ${key}`);
          else expect(redacted).not.toHaveProperty(key);
        },
      );
    });
  });
}

describe('redact: cases the lists spell out in words', () => {
  it('rooms/v11 "Redactions": the m.room.create event now keeps the entire content property', () => {
    const content = {
      room_version: '11',
      'm.federate': false,
      predecessor: { room_id: '!a:b' },
      nested: { x: [1] },
    };
    expect(redactContent('m.room.create', content, v('11'))).toEqual(content);
    expect(redactContent('m.room.create', content, v('10'))).toEqual({});
  });

  it('rooms/fragments/v11-redactions: m.room.member keeps only the signed key of third_party_invite', () => {
    const content: JsonObject = {
      membership: 'invite',
      displayname: 'Alice',
      third_party_invite: {
        display_name: 'alice@example.org',
        signed: { mxid: '@a:b', token: 't', signatures: {} },
      },
    };
    expect(redactContent('m.room.member', content, v('11'))).toEqual({
      membership: 'invite',
      third_party_invite: { signed: { mxid: '@a:b', token: 't', signatures: {} } },
    });
    expect(redactContent('m.room.member', content, v('10'))).toEqual({ membership: 'invite' });
  });

  it('rooms/fragments/v11-redactions: a third_party_invite without signed is kept empty, as Synapse does', () => {
    expect(redactContent('m.room.member', { third_party_invite: { display_name: 'x' } }, v('11'))).toEqual({
      third_party_invite: {},
    });
    expect(redactContent('m.room.member', { third_party_invite: 'not an object' }, v('11'))).toEqual({});
  });

  it('rooms/v11 "Redactions": m.room.redaction keeps redacts in content, not at the top level', () => {
    const event = {
      ...fullEvent('m.room.redaction'),
      redacts: '$x',
      content: { redacts: '$x', reason: 'spam' },
    } as Pdu;
    expect(redact(event, v('11'))).toMatchObject({ content: { redacts: '$x' } });
    expect(redact(event, v('11'))).not.toHaveProperty('redacts');
    expect(redact(event, v('10')).content).toEqual({});
    expect(redact(event, v('10'))).not.toHaveProperty('redacts');
  });

  it('rooms/fragments/v1-redactions: keeps a protected key whose value is not a string', () => {
    const users = { '@a:b': 100 };
    const redacted = redactContent('m.room.power_levels', { users, ban: 50, other: 1 }, v('1'));
    expect(redacted).toEqual({ users, ban: 50 });
    expect(redacted.users).toBe(users);
  });

  it('does not modify its input', () => {
    const event = fullEvent('m.room.member');
    const copy = JSON.parse(JSON.stringify(event));
    redact(event, v('11'));
    expect(event).toEqual(copy);
  });

  it('always leaves a content object, even for an event that had none', () => {
    expect(redact({ type: 'm.room.message', content: {} } as unknown as Pdu, v('11')).content).toEqual({});
  });

  it.each([
    ['no type', { content: {} }],
    ['a numeric type', { type: 1, content: {} }],
    ['no content', { type: 'm.room.message' }],
    ['array content', { type: 'm.room.message', content: [] }],
    ['an array event', []],
    ['null', null],
  ])('rejects an event with %s with M_BAD_JSON', (_what, event) => {
    expect(() => redact(event as unknown as Pdu, v('11'))).toThrow(
      expect.objectContaining({ errcode: 'M_BAD_JSON', status: 400 }),
    );
  });
});

describe('redactClientEvent (client-server-api "Redactions")', () => {
  const clientEvent: ClientEvent = {
    event_id: '$e',
    type: 'm.room.member',
    room_id: '!r:example.org',
    sender: '@a:example.org',
    state_key: '@a:example.org',
    origin_server_ts: 1,
    content: { membership: 'join', displayname: 'Alice' },
    unsigned: { age: 5, transaction_id: 'txn' },
  };

  it('keeps the protected keys of a client-format event and drops unsigned', () => {
    expect(redactClientEvent(clientEvent, v('11'))).toEqual({
      event_id: '$e',
      type: 'm.room.member',
      room_id: '!r:example.org',
      sender: '@a:example.org',
      state_key: '@a:example.org',
      origin_server_ts: 1,
      content: { membership: 'join' },
    });
  });

  it('client-server-api "Redactions": puts the redaction event under unsigned.redacted_because', () => {
    const because: ClientEvent = {
      type: 'm.room.redaction',
      event_id: '$r',
      room_id: '!r:example.org',
      sender: '@a:example.org',
      origin_server_ts: 2,
      content: { redacts: '$e' },
    };
    expect(redactClientEvent(clientEvent, v('11'), because).unsigned).toEqual({ redacted_because: because });
  });
});

describe('redact properties', () => {
  const versions = [...ROOM_VERSIONS.values()];
  const event = fc.record({
    type: fc.constantFrom(...EVENT_TYPES),
    content: fc.dictionary(
      fc.constantFrom(...ALL_CONTENT_KEYS, 'third_party_invite'),
      fc.jsonValue({ maxDepth: 2 }),
    ),
    extra: fc.dictionary(fc.constantFrom(...ALL_TOP_LEVEL), fc.jsonValue({ maxDepth: 1 })),
  });

  it('is idempotent in every room version', () => {
    fc.assert(
      fc.property(event, fc.constantFrom(...versions), ({ type, content, extra }, version) => {
        const pdu = { ...extra, type, content } as unknown as Pdu;
        const once = redact(pdu, version);
        expect(redact(once, version)).toEqual(once);
      }),
    );
  });

  it('bad input never throws anything but MatrixError', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.constantFrom(...versions), (type, content, version) => {
        const calls = [
          () => redact({ type, content } as Pdu, version),
          () => redact(type as Pdu, version),
          () => redact({ type: 'm.room.member', content } as Pdu, version),
          () => redactContent(type as string, content as JsonObject, version),
          () => redactContent('m.room.member', content as JsonObject, version),
          () => redactClientEvent({ type, content } as ClientEvent, version, content as JsonObject),
        ];
        for (const call of calls) {
          try {
            call();
          } catch (e) {
            expect(e).toBeInstanceOf(MatrixError);
          }
        }
      }),
    );
  });
});
