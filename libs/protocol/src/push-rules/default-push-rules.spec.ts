import { JsonObject } from '../events/pdu.types';
import { defaultPushRules } from './default-push-rules';
import { evaluatePushRules } from './evaluate-push-rules';
import { PushEvaluationContext, PushRuleKind, PushRules } from './push-rule.types';

const ALICE = '@alice:example.org';
const ROOM = '!room:example.org';
const BOB = '@bob:example.org';

const context: PushEvaluationContext = {
  userId: ALICE,
  displayName: 'Alice',
  roomMemberCount: 5,
  senderPowerLevel: 0,
};

function event(type: string, content: JsonObject, extra: JsonObject = {}): JsonObject {
  return { type, content, sender: BOB, room_id: ROOM, event_id: '$e', origin_server_ts: 1, ...extra };
}

const message = (content: JsonObject) =>
  event('m.room.message', { msgtype: 'm.text', body: 'hi', ...content });

interface Case {
  ruleId: string;
  kind: PushRuleKind;
  matches: JsonObject;
  doesNot: JsonObject;
  context?: Partial<PushEvaluationContext>;
  doesNotContext?: Partial<PushEvaluationContext>;
}

/** One event each predefined rule matches and one it does not (client-server-api "Predefined Rules"). */
const cases: Case[] = [
  {
    ruleId: '.m.rule.master',
    kind: 'override',
    // It matches everything once enabled; the event it does not match is any, while it is disabled.
    matches: event('org.example.anything', {}),
    doesNot: event('org.example.anything', {}),
  },
  {
    ruleId: '.m.rule.suppress_notices',
    kind: 'override',
    matches: message({ msgtype: 'm.notice', body: 'beep' }),
    doesNot: message({ msgtype: 'm.text' }),
  },
  {
    ruleId: '.m.rule.invite_for_me',
    kind: 'override',
    matches: event('m.room.member', { membership: 'invite' }, { state_key: ALICE }),
    doesNot: event('m.room.member', { membership: 'invite' }, { state_key: '@carol:example.org' }),
  },
  {
    ruleId: '.m.rule.member_event',
    kind: 'override',
    matches: event('m.room.member', { membership: 'join' }, { state_key: BOB }),
    doesNot: message({}),
  },
  {
    ruleId: '.m.rule.is_user_mention',
    kind: 'override',
    matches: message({ body: 'hey', 'm.mentions': { user_ids: ['@carol:example.org', ALICE] } }),
    doesNot: message({ body: `hey ${ALICE}`, 'm.mentions': { user_ids: ['@carol:example.org'] } }),
  },
  {
    ruleId: '.m.rule.is_room_mention',
    kind: 'override',
    matches: message({ body: 'everyone!', 'm.mentions': { room: true } }),
    context: { senderPowerLevel: 50 },
    doesNot: message({ body: 'everyone!', 'm.mentions': { room: true } }),
    doesNotContext: { senderPowerLevel: 49 },
  },
  {
    ruleId: '.m.rule.tombstone',
    kind: 'override',
    matches: event(
      'm.room.tombstone',
      { body: 'moved', replacement_room: '!new:example.org' },
      { state_key: '' },
    ),
    doesNot: event('m.room.tombstone', { body: 'moved', replacement_room: '!new:example.org' }),
  },
  {
    ruleId: '.m.rule.reaction',
    kind: 'override',
    matches: event('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: '$x', key: '👍' } }),
    doesNot: event('m.reactions', {}),
  },
  {
    ruleId: '.m.rule.room.server_acl',
    kind: 'override',
    matches: event('m.room.server_acl', { allow: ['*'] }, { state_key: '' }),
    doesNot: event('m.room.server_acl', { allow: ['*'] }, { state_key: 'x' }),
  },
  {
    ruleId: '.m.rule.suppress_edits',
    kind: 'override',
    matches: message({ body: '* fixed', 'm.relates_to': { rel_type: 'm.replace', event_id: '$x' } }),
    doesNot: message({ body: 'in thread', 'm.relates_to': { rel_type: 'm.thread', event_id: '$x' } }),
  },
  {
    ruleId: '.m.rule.call',
    kind: 'underride',
    matches: event('m.call.invite', { call_id: 'c', version: '1' }),
    doesNot: event('m.call.answer', { call_id: 'c', version: '1' }),
  },
  {
    ruleId: '.m.rule.encrypted_room_one_to_one',
    kind: 'underride',
    matches: event('m.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x' }),
    context: { roomMemberCount: 2 },
    doesNot: event('m.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x' }),
    doesNotContext: { roomMemberCount: 3 },
  },
  {
    ruleId: '.m.rule.room_one_to_one',
    kind: 'underride',
    matches: message({}),
    context: { roomMemberCount: 2 },
    doesNot: message({}),
    doesNotContext: { roomMemberCount: 3 },
  },
  {
    ruleId: '.m.rule.message',
    kind: 'underride',
    matches: message({}),
    doesNot: event('m.room.topic', { topic: 'x' }, { state_key: '' }),
  },
  {
    ruleId: '.m.rule.encrypted',
    kind: 'underride',
    matches: event('m.room.encrypted', { algorithm: 'm.megolm.v1.aes-sha2', ciphertext: 'x' }),
    doesNot: message({}),
  },
];

const EMPTY = { override: [], content: [], room: [], sender: [], underride: [] };

/** The defaults with only `ruleId` in them, enabled. */
function only(ruleId: string, kind: PushRuleKind): PushRules {
  const rule = defaultPushRules(ALICE).global[kind].find((r) => r.rule_id === ruleId);
  if (rule === undefined) throw new Error(`no default rule ${ruleId}`);
  return { global: { ...EMPTY, [kind]: [{ ...rule, enabled: true }] } };
}

describe('client-server-api "Predefined Rules"', () => {
  it("are exactly the spec's rules, in the spec's order", () => {
    const { global } = defaultPushRules(ALICE);
    expect(global.override.map((r) => r.rule_id)).toEqual([
      '.m.rule.master',
      '.m.rule.suppress_notices',
      '.m.rule.invite_for_me',
      '.m.rule.member_event',
      '.m.rule.is_user_mention',
      '.m.rule.is_room_mention',
      '.m.rule.tombstone',
      '.m.rule.reaction',
      '.m.rule.room.server_acl',
      '.m.rule.suppress_edits',
    ]);
    expect(global.content).toEqual([]);
    expect(global.room).toEqual([]);
    expect(global.sender).toEqual([]);
    expect(global.underride.map((r) => r.rule_id)).toEqual([
      '.m.rule.call',
      '.m.rule.encrypted_room_one_to_one',
      '.m.rule.room_one_to_one',
      '.m.rule.message',
      '.m.rule.encrypted',
    ]);
    expect(cases.map((c) => c.ruleId).sort()).toEqual(
      [...global.override, ...global.underride].map((r) => r.rule_id).sort(),
    );
  });

  it('are all server-default ("MUST start with a dot"), and enabled except master', () => {
    const { global } = defaultPushRules(ALICE);
    for (const rule of [...global.override, ...global.underride]) {
      expect(rule.rule_id.startsWith('.')).toBe(true);
      expect(rule.default).toBe(true);
      expect(rule.enabled).toBe(rule.rule_id !== '.m.rule.master');
    }
  });

  it('fill in the user ID where the spec says "[the user\'s Matrix ID]"', () => {
    const { global } = defaultPushRules('@zoe:example.com');
    const invite = global.override.find((r) => r.rule_id === '.m.rule.invite_for_me');
    const mention = global.override.find((r) => r.rule_id === '.m.rule.is_user_mention');
    expect(invite?.conditions?.[2]).toEqual({
      key: 'state_key',
      kind: 'event_match',
      pattern: '@zoe:example.com',
    });
    expect(mention?.conditions?.[0]).toEqual({
      kind: 'event_property_contains',
      key: 'content.m\\.mentions.user_ids',
      value: '@zoe:example.com',
    });
  });

  it('is a fresh copy each time', () => {
    const a = defaultPushRules(ALICE);
    a.global.override[0].enabled = true;
    expect(defaultPushRules(ALICE).global.override[0].enabled).toBe(false);
  });

  it('spec definition of .m.rule.is_user_mention and .m.rule.call actions', () => {
    const { global } = defaultPushRules(ALICE);
    expect(global.override.find((r) => r.rule_id === '.m.rule.is_user_mention')?.actions).toEqual([
      'notify',
      { set_tweak: 'sound', value: 'default' },
      { set_tweak: 'highlight' },
    ]);
    expect(global.underride[0].actions).toEqual(['notify', { set_tweak: 'sound', value: 'ring' }]);
  });
});

describe.each(cases)('$ruleId', (c) => {
  it('matches its event', () => {
    const result = evaluatePushRules(only(c.ruleId, c.kind), c.matches, { ...context, ...c.context });
    expect(result?.ruleId).toBe(c.ruleId);
  });

  it('does not match the other event', () => {
    const rules = c.ruleId === '.m.rule.master' ? defaultPushRules(ALICE) : only(c.ruleId, c.kind);
    const result = evaluatePushRules(rules, c.doesNot, { ...context, ...c.doesNotContext });
    expect(result?.ruleId).not.toBe(c.ruleId);
  });

  it('wins for its event among all the defaults', () => {
    const rules = defaultPushRules(ALICE);
    rules.global.override[0].enabled = c.ruleId === '.m.rule.master';
    const result = evaluatePushRules(rules, c.matches, { ...context, ...c.context });
    expect(result?.ruleId).toBe(c.ruleId);
  });
});

describe('what the defaults do', () => {
  const rules = defaultPushRules(ALICE);
  const evaluate = (e: JsonObject, ctx: Partial<PushEvaluationContext> = {}) =>
    evaluatePushRules(rules, e, { ...context, ...ctx });

  it('a plain group message notifies without sound or highlight', () => {
    expect(evaluate(message({}))).toEqual({
      ruleId: '.m.rule.message',
      kind: 'underride',
      actions: ['notify'],
      notify: true,
      highlight: false,
    });
  });

  it('a 1:1 message notifies with the default sound', () => {
    expect(evaluate(message({}), { roomMemberCount: 2 })).toMatchObject({ notify: true, sound: 'default' });
  });

  it('a mention highlights and plays the default sound', () => {
    expect(evaluate(message({ 'm.mentions': { user_ids: [ALICE] } }))).toMatchObject({
      ruleId: '.m.rule.is_user_mention',
      notify: true,
      highlight: true,
      sound: 'default',
    });
  });

  it('an edit does not notify', () => {
    const edit = message({ 'm.mentions': {}, 'm.relates_to': { rel_type: 'm.replace', event_id: '$x' } });
    expect(evaluate(edit)).toMatchObject({ ruleId: '.m.rule.suppress_edits', notify: false });
  });

  it('a call rings', () => {
    expect(evaluate(event('m.call.invite', {}))).toMatchObject({ notify: true, sound: 'ring' });
  });

  it('a notice does not notify, but is a match', () => {
    expect(evaluate(message({ msgtype: 'm.notice' }))).toMatchObject({
      ruleId: '.m.rule.suppress_notices',
      notify: false,
      highlight: false,
    });
  });

  it('an event no rule matches gives null', () => {
    expect(evaluate(event('org.example.custom', {}))).toBeNull();
  });

  it('an @room from a moderator highlights without sound', () => {
    const result = evaluate(message({ 'm.mentions': { room: true } }), { senderPowerLevel: 50 });
    expect(result).toMatchObject({ ruleId: '.m.rule.is_room_mention', notify: true, highlight: true });
    expect(result?.sound).toBeUndefined();
  });
});
