import { JsonObject } from '../events/pdu.types';
import { conditionMatches } from './conditions';
import { flattenJson } from './dotted-path';
import { PushCondition, PushEvaluationContext } from './push-rule.types';
import { matchesMemberCount, parseMemberCountIs } from './room-member-count';

const context: PushEvaluationContext = {
  userId: '@alice:example.org',
  displayName: 'Alice',
  roomMemberCount: 5,
  senderPowerLevel: 0,
};

function matches(
  condition: PushCondition,
  event: JsonObject,
  ctx: Partial<PushEvaluationContext> = {},
): boolean {
  return conditionMatches(condition, flattenJson(event), { ...context, ...ctx });
}

/** The spec's example events for the conditions section, verbatim. */
const topicEvent = {
  content: { topic: 'Lunch plans' },
  event_id: '$143273582443PhrSn:example.org',
  room_id: '!636q39766251:example.com',
  sender: '@example:example.org',
  state_key: '',
  type: 'm.room.topic',
};
const bodyEvent = {
  content: { body: 'An example event.' },
  event_id: '$143273976499sgjks:example.org',
  room_id: '!636q39766251:example.com',
  sender: '@example:example.org',
  type: 'm.room.message',
};
const createEvent = {
  content: {
    creator: '@example:example.org',
    'm.federate': true,
    predecessor: { event_id: '$something:example.org', room_id: '!oldroom:example.org' },
    room_version: '1',
  },
  event_id: '$143273582443PhrSn:example.org',
  room_id: '!636q39766251:example.com',
  sender: '@example:example.org',
  state_key: '',
  type: 'm.room.create',
};
const aliasEvent = {
  content: { alias: '#somewhere:localhost', alt_aliases: ['#somewhere:example.org', '#myroom:example.com'] },
  event_id: '$143273582443PhrSn:example.org',
  origin_server_ts: 1432735824653,
  room_id: '!jEsUZKDJdhlrceRyVU:example.org',
  sender: '@example:example.org',
  state_key: '',
  type: 'm.room.canonical_alias',
  unsigned: { age: 1234 },
};

describe('event_match', () => {
  const topic = (pattern: string): PushCondition => ({ kind: 'event_match', key: 'content.topic', pattern });
  const withTopic = (value: JsonObject[string]) => ({ ...topicEvent, content: { topic: value } });

  it('spec example: `lunc?*` on content.topic matches "Lunch plans" and "LUNCH"', () => {
    expect(matches(topic('lunc?*'), topicEvent)).toBe(true);
    expect(matches(topic('lunc?*'), withTopic('LUNCH'))).toBe(true);
  });

  it('spec example: does not match " lunch", "lunc" or null', () => {
    expect(matches(topic('lunc?*'), withTopic(' lunch'))).toBe(false);
    expect(matches(topic('lunc?*'), withTopic('lunc'))).toBe(false);
    expect(matches(topic('lunc?*'), withTopic(null))).toBe(false);
  });

  it('an absent or non-string property never matches, even with `*`', () => {
    expect(matches(topic('*'), { ...topicEvent, content: {} })).toBe(false);
    expect(matches(topic('*'), withTopic(1))).toBe(false);
    expect(matches(topic('*'), withTopic(['a']))).toBe(false);
    expect(matches(topic('*'), withTopic({ a: 'b' }))).toBe(false);
    expect(matches(topic('*'), withTopic(''))).toBe(true);
  });

  it('matches the entire value on keys other than content.body', () => {
    expect(matches(topic('lunch'), topicEvent)).toBe(false);
    expect(matches({ kind: 'event_match', key: 'type', pattern: 'm.room.topic' }, topicEvent)).toBe(true);
    expect(matches({ kind: 'event_match', key: 'type', pattern: 'm.room' }, topicEvent)).toBe(false);
  });

  it('spec example: `ex*ple` on content.body matches at word boundaries', () => {
    const body = (value: string) => ({ ...bodyEvent, content: { body: value } });
    const cond: PushCondition = { kind: 'event_match', key: 'content.body', pattern: 'ex*ple' };
    expect(matches(cond, bodyEvent)).toBe(true);
    expect(matches(cond, body('exple'))).toBe(true);
    expect(matches(cond, body('An exciting triple-whammy'))).toBe(true);
    expect(matches(cond, body('complex sample'))).toBe(false);
    expect(matches(cond, body('examples'))).toBe(false);
  });

  it('follows escaped dots in the key', () => {
    const event = { content: { 'm.relates_to': { rel_type: 'm.thread' } } };
    expect(
      matches({ kind: 'event_match', key: 'content.m\\.relates_to.rel_type', pattern: 'm.thread' }, event),
    ).toBe(true);
    expect(
      matches({ kind: 'event_match', key: 'content.m.relates_to.rel_type', pattern: 'm.thread' }, event),
    ).toBe(false);
  });

  it('follows escaped backslashes and keeps redundant escapes literal', () => {
    const event = { content: { 'm\\foo': 'bar', 'm\\x': 'y' } };
    expect(matches({ kind: 'event_match', key: 'content.m\\\\foo', pattern: 'bar' }, event)).toBe(true);
    expect(matches({ kind: 'event_match', key: 'content.m\\x', pattern: 'y' }, event)).toBe(true);
    expect(matches({ kind: 'event_match', key: 'content.m\\\\x', pattern: 'y' }, event)).toBe(true);
  });

  it('`?` matches exactly one character in a key value', () => {
    const cond: PushCondition = { kind: 'event_match', key: 'content.msgtype', pattern: 'm.?' };
    expect(matches(cond, { content: { msgtype: 'm.x' } })).toBe(true);
    expect(matches(cond, { content: { msgtype: 'm.' } })).toBe(false);
    expect(matches(cond, { content: { msgtype: 'm.xy' } })).toBe(false);
  });

  it('does not match when its parameters are missing', () => {
    expect(matches({ kind: 'event_match', key: 'type' } as unknown as PushCondition, topicEvent)).toBe(false);
  });
});

describe('event_property_is', () => {
  const federate = (value: JsonObject[string]): PushCondition => ({
    kind: 'event_property_is',
    key: 'content.m\\.federate',
    value: value as string,
  });
  const withFederate = (value: JsonObject[string]) => ({
    ...createEvent,
    content: { ...createEvent.content, 'm.federate': value },
  });

  it('spec example: `content.m\\.federate` is true', () => {
    expect(matches(federate(true), createEvent)).toBe(true);
  });

  it('spec example: does not match "true" or 1 (no casting)', () => {
    expect(matches(federate(true), withFederate('true'))).toBe(false);
    expect(matches(federate(true), withFederate(1))).toBe(false);
  });

  it('matches strings, integers and null exactly', () => {
    expect(matches({ kind: 'event_property_is', key: 'content.n', value: 3 }, { content: { n: 3 } })).toBe(
      true,
    );
    expect(matches({ kind: 'event_property_is', key: 'content.n', value: 3 }, { content: { n: 4 } })).toBe(
      false,
    );
    expect(
      matches({ kind: 'event_property_is', key: 'content.n', value: null }, { content: { n: null } }),
    ).toBe(true);
    expect(
      matches({ kind: 'event_property_is', key: 'content.s', value: 'A' }, { content: { s: 'a' } }),
    ).toBe(false);
  });

  it('does not match an absent property, even against null', () => {
    expect(matches({ kind: 'event_property_is', key: 'content.n', value: null }, { content: {} })).toBe(
      false,
    );
  });

  it('does not match compound or out-of-range values', () => {
    const cond: PushCondition = { kind: 'event_property_is', key: 'content.n', value: 1.5 };
    expect(matches(cond, { content: { n: 1.5 } })).toBe(false);
    const big: PushCondition = { kind: 'event_property_is', key: 'content.n', value: 2 ** 53 };
    expect(matches(big, { content: { n: 2 ** 53 } })).toBe(false);
    expect(matches({ kind: 'event_property_is', key: 'content', value: null }, { content: { a: 1 } })).toBe(
      false,
    );
    expect(matches({ kind: 'event_property_is', key: 'content.l', value: 1 }, { content: { l: [1] } })).toBe(
      false,
    );
  });
});

describe('event_property_contains', () => {
  const aliases = (value: string): PushCondition => ({
    kind: 'event_property_contains',
    key: 'content.alt_aliases',
    value,
  });

  it('spec example: alt_aliases contains "#myroom:example.com"', () => {
    expect(matches(aliases('#myroom:example.com'), aliasEvent)).toBe(true);
  });

  it('spec example: partial values do not match', () => {
    expect(matches(aliases(':example.com'), aliasEvent)).toBe(false);
  });

  it('does not match a property that is absent or not an array', () => {
    expect(matches(aliases('#a:b'), { content: {} })).toBe(false);
    expect(matches(aliases('#a:b'), { content: { alt_aliases: '#a:b' } })).toBe(false);
  });

  it('ignores compound array items and does not cast', () => {
    const cond: PushCondition = { kind: 'event_property_contains', key: 'content.l', value: 1 };
    expect(matches(cond, { content: { l: [[1], { a: 1 }, '1', true] } })).toBe(false);
    expect(matches(cond, { content: { l: [[1], 1] } })).toBe(true);
    expect(
      matches({ kind: 'event_property_contains', key: 'content.l', value: null }, { content: { l: [null] } }),
    ).toBe(true);
  });
});

describe('contains_display_name', () => {
  const cond: PushCondition = { kind: 'contains_display_name' };
  const body = (value: string) => ({ type: 'm.room.message', content: { body: value } });

  it("matches content.body containing the user's display name as a word, case-insensitively", () => {
    expect(matches(cond, body('hello alice!'))).toBe(true);
    expect(matches(cond, body('Alice'))).toBe(true);
  });

  it('does not match inside a word', () => {
    expect(matches(cond, body('Alicent'))).toBe(false);
    expect(matches(cond, body('malice'))).toBe(false);
  });

  it('does not match without a display name, an empty one, or a string body', () => {
    expect(matches(cond, body('Alice'), { displayName: undefined })).toBe(false);
    expect(matches(cond, body('Alice'), { displayName: '' })).toBe(false);
    expect(matches(cond, { content: { body: 1 } })).toBe(false);
  });

  it('treats glob and regex characters in the name literally', () => {
    expect(matches(cond, body('hi a.b?'), { displayName: 'a.b?' })).toBe(true);
    expect(matches(cond, body('hi axbc'), { displayName: 'a.b?' })).toBe(false);
  });
});

describe('room_member_count', () => {
  const count = (is: string, roomMemberCount: number) =>
    matches({ kind: 'room_member_count', is }, {}, { roomMemberCount });

  it('with no prefix means ==', () => {
    expect(count('2', 2)).toBe(true);
    expect(count('2', 3)).toBe(false);
    expect(count('==2', 2)).toBe(true);
    expect(count('==2', 1)).toBe(false);
  });

  it('< and > are strict', () => {
    expect(count('<10', 9)).toBe(true);
    expect(count('<10', 10)).toBe(false);
    expect(count('>10', 11)).toBe(true);
    expect(count('>10', 10)).toBe(false);
  });

  it('<= and >= include the bound', () => {
    expect(count('<=10', 10)).toBe(true);
    expect(count('<=10', 11)).toBe(false);
    expect(count('>=10', 10)).toBe(true);
    expect(count('>=10', 9)).toBe(false);
  });

  it('does not match a malformed `is`', () => {
    for (const is of ['', '=2', '!=2', '=<2', ' 2', '2 ', '-1', '1.5', '<', 'two', '<<2', '0x10']) {
      expect(parseMemberCountIs(is)).toBeUndefined();
      expect(matchesMemberCount(is, 2)).toBe(false);
    }
  });

  it('reads the number in decimal', () => {
    expect(parseMemberCountIs('>=010')).toEqual({ operator: '>=', count: 10 });
  });
});

describe('sender_notification_permission', () => {
  const room: PushCondition = { kind: 'sender_notification_permission', key: 'room' };

  it('uses notifications.room from the power levels', () => {
    expect(matches(room, {}, { senderPowerLevel: 20, notificationPowerLevels: { room: 20 } })).toBe(true);
    expect(matches(room, {}, { senderPowerLevel: 19, notificationPowerLevels: { room: 20 } })).toBe(false);
  });

  it('defaults notifications.room to 50', () => {
    expect(matches(room, {}, { senderPowerLevel: 50 })).toBe(true);
    expect(matches(room, {}, { senderPowerLevel: 49 })).toBe(false);
    expect(matches(room, {}, { senderPowerLevel: 50, notificationPowerLevels: { room: 'high' } })).toBe(true);
  });

  it('reads other keys from the same object, and fails for a key with no level', () => {
    const custom: PushCondition = { kind: 'sender_notification_permission', key: 'custom' };
    expect(matches(custom, {}, { senderPowerLevel: 10, notificationPowerLevels: { custom: 10 } })).toBe(true);
    expect(matches(custom, {}, { senderPowerLevel: 100 })).toBe(false);
    const proto: PushCondition = { kind: 'sender_notification_permission', key: 'toString' };
    expect(matches(proto, {}, { senderPowerLevel: 100, notificationPowerLevels: {} })).toBe(false);
  });
});

describe('unrecognised conditions', () => {
  it('never match', () => {
    expect(matches({ kind: 'org.example.always' }, topicEvent)).toBe(false);
    expect(matches({ kind: 'toString' }, topicEvent)).toBe(false);
  });
});
