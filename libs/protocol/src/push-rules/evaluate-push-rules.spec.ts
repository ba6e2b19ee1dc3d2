import { JsonObject } from '../events/pdu.types';
import { defaultPushRules } from './default-push-rules';
import { evaluatePushRules } from './evaluate-push-rules';
import { mergePushRules } from './merge-push-rules';
import { parsePushRule } from './parse-push-rule';
import { PushEvaluationContext, PushRule, PushRules } from './push-rule.types';

const ALICE = '@alice:example.org';
const ROOM = '!dj234r78wl45Gh4D:matrix.org';
const context: PushEvaluationContext = {
  userId: ALICE,
  displayName: 'Alice',
  roomMemberCount: 5,
  senderPowerLevel: 0,
};

const message = (body: string, extra: JsonObject = {}): JsonObject => ({
  type: 'm.room.message',
  content: { msgtype: 'm.text', body },
  sender: '@bob:example.org',
  room_id: '!other:example.org',
  ...extra,
});

const EMPTY = { override: [], content: [], room: [], sender: [], underride: [] };
const rule = (rule_id: string, extra: Partial<PushRule> = {}): PushRule => ({
  rule_id,
  default: false,
  enabled: true,
  actions: ['notify'],
  ...extra,
});

describe('client-server-api "Push Rules": priority', () => {
  it('checks override, content, room, sender, then underride', () => {
    const rules: PushRules = {
      global: {
        override: [rule('o', { conditions: [{ kind: 'event_match', key: 'content.body', pattern: 'o' }] })],
        content: [rule('c', { pattern: 'c' })],
        room: [rule('!r:example.org')],
        sender: [rule('@s:example.org')],
        underride: [rule('u', { conditions: [] })],
      },
    };
    const e = (body: string, room = '!r:example.org', sender = '@s:example.org') =>
      evaluatePushRules(rules, message(body, { room_id: room, sender }), context);
    expect(e('o c')).toMatchObject({ ruleId: 'o', kind: 'override' });
    expect(e('c')).toMatchObject({ ruleId: 'c', kind: 'content' });
    expect(e('x')).toMatchObject({ ruleId: '!r:example.org', kind: 'room' });
    expect(e('x', '!elsewhere:example.org')).toMatchObject({ ruleId: '@s:example.org', kind: 'sender' });
    expect(e('x', '!elsewhere:example.org', '@t:example.org')).toMatchObject({
      ruleId: 'u',
      kind: 'underride',
    });
  });

  it('takes the first matching rule within a kind ("It\'s time for tea")', () => {
    const rules: PushRules = {
      global: { ...EMPTY, content: [rule('tea', { pattern: 'tea' }), rule('time', { pattern: 'time' })] },
    };
    expect(evaluatePushRules(rules, message("It's time for tea"), context)?.ruleId).toBe('tea');
  });

  it('skips disabled rules: "Disabled rules never match"', () => {
    const rules: PushRules = {
      global: {
        ...EMPTY,
        underride: [rule('off', { enabled: false, conditions: [] }), rule('on', { conditions: [] })],
      },
    };
    expect(evaluatePushRules(rules, message('x'), context)?.ruleId).toBe('on');
  });

  it('a rule with no conditions always matches', () => {
    const rules: PushRules = { global: { ...EMPTY, override: [rule('all', { conditions: [] })] } };
    expect(evaluatePushRules(rules, { type: 'anything' }, context)?.ruleId).toBe('all');
    const noField: PushRules = { global: { ...EMPTY, override: [rule('all')] } };
    expect(evaluatePushRules(noField, { type: 'anything' }, context)?.ruleId).toBe('all');
  });

  it('an unrecognised condition disables its rule', () => {
    const rules: PushRules = {
      global: {
        ...EMPTY,
        override: [rule('future', { conditions: [{ kind: 'org.example.future', x: 1 }] })],
        underride: [rule('fallback', { conditions: [] })],
      },
    };
    expect(evaluatePushRules(rules, message('x'), context)?.ruleId).toBe('fallback');
  });

  it('all conditions must hold', () => {
    const rules: PushRules = {
      global: {
        ...EMPTY,
        override: [
          rule('both', {
            conditions: [
              { kind: 'event_match', key: 'type', pattern: 'm.room.message' },
              { kind: 'room_member_count', is: '<=3' },
            ],
          }),
        ],
      },
    };
    expect(evaluatePushRules(rules, message('x'), { ...context, roomMemberCount: 3 })?.ruleId).toBe('both');
    expect(evaluatePushRules(rules, message('x'), { ...context, roomMemberCount: 4 })).toBeNull();
  });

  it('skips the user\'s own events: "MUST NOT notify [...] for events that the user has sent"', () => {
    const rules: PushRules = { global: { ...EMPTY, override: [rule('all', { conditions: [] })] } };
    expect(evaluatePushRules(rules, message('x', { sender: ALICE }), context)).toBeNull();
  });

  it('content rules match content.body at word boundaries, and need a string body', () => {
    const rules: PushRules = { global: { ...EMPTY, content: [rule('cake', { pattern: 'cake' })] } };
    expect(evaluatePushRules(rules, message('I like cake!'), context)?.ruleId).toBe('cake');
    expect(evaluatePushRules(rules, message('pancakes'), context)).toBeNull();
    expect(evaluatePushRules(rules, { type: 'm.room.message', content: { body: 1 } }, context)).toBeNull();
  });

  it('room rules need the exact room ID, sender rules the exact user ID', () => {
    const rules: PushRules = {
      global: { ...EMPTY, room: [rule('!r:example.org')], sender: [rule('@s:example.org')] },
    };
    expect(evaluatePushRules(rules, message('x', { room_id: '!R:example.org' }), context)).toBeNull();
    expect(evaluatePushRules(rules, message('x', { sender: '@S:example.org' }), context)).toBeNull();
  });
});

describe('client-server-api "Actions"', () => {
  const withActions = (actions: PushRule['actions']): PushRules => ({
    global: { ...EMPTY, override: [rule('r', { conditions: [], actions })] },
  });
  const evaluate = (actions: PushRule['actions']) =>
    evaluatePushRules(withActions(actions), message('x'), context);

  it('an empty actions list matches but does not notify', () => {
    expect(evaluate([])).toEqual({
      ruleId: 'r',
      kind: 'override',
      actions: [],
      notify: false,
      highlight: false,
    });
  });

  it('a highlight tweak with no value is true; none at all is false', () => {
    expect(evaluate([{ set_tweak: 'highlight' }])?.highlight).toBe(true);
    expect(evaluate([{ set_tweak: 'highlight', value: false }])?.highlight).toBe(false);
    expect(evaluate([{ set_tweak: 'highlight', value: true }])?.highlight).toBe(true);
    expect(evaluate(['notify'])?.highlight).toBe(false);
  });

  it('reads the sound tweak, and passes other tweaks through untouched', () => {
    const actions: PushRule['actions'] = [
      'notify',
      { set_tweak: 'sound', value: 'cakealarm.wav' },
      { set_tweak: 'org.example.led', value: { colour: 'red' } },
    ];
    expect(evaluate(actions)).toEqual({
      ruleId: 'r',
      kind: 'override',
      actions,
      notify: true,
      highlight: false,
      sound: 'cakealarm.wav',
    });
  });
});

describe('mergePushRules: server-default rules "operate at a lower priority than user-defined rules"', () => {
  const mine = rule('mine', { conditions: [] });

  it("puts the user's rules before the defaults of their kind, and master before everything", () => {
    const merged = mergePushRules(ALICE, {
      rules: { override: [mine], underride: [rule('u', { conditions: [] })] },
    });
    expect(merged.global.override.map((r) => r.rule_id).slice(0, 3)).toEqual([
      '.m.rule.master',
      'mine',
      '.m.rule.suppress_notices',
    ]);
    expect(merged.global.underride[0].rule_id).toBe('u');
    expect(merged.global.underride[1].rule_id).toBe('.m.rule.call');
  });

  it('a user override outranks .m.rule.suppress_notices; an enabled master outranks it', () => {
    const notice = message('beep', { content: { msgtype: 'm.notice', body: 'beep' } });
    expect(
      evaluatePushRules(mergePushRules(ALICE, { rules: { override: [mine] } }), notice, context)?.ruleId,
    ).toBe('mine');
    const muted = mergePushRules(ALICE, {
      rules: { override: [mine] },
      defaults: { override: { '.m.rule.master': { enabled: true } } },
    });
    expect(evaluatePushRules(muted, notice, context)).toMatchObject({
      ruleId: '.m.rule.master',
      notify: false,
    });
  });

  it('applies enabled and actions changes to server-default rules', () => {
    const merged = mergePushRules(ALICE, {
      defaults: {
        underride: {
          '.m.rule.message': { actions: ['notify', { set_tweak: 'sound', value: 'ping' }] },
          '.m.rule.encrypted': { enabled: false },
        },
      },
    });
    expect(evaluatePushRules(merged, message('x'), context)).toMatchObject({
      ruleId: '.m.rule.message',
      sound: 'ping',
    });
    const encrypted = { type: 'm.room.encrypted', sender: '@bob:example.org', content: {} };
    expect(evaluatePushRules(merged, encrypted, context)).toBeNull();
    expect(merged.global.underride.find((r) => r.rule_id === '.m.rule.message')?.default).toBe(true);
  });

  it('without user data equals the defaults', () => {
    expect(mergePushRules(ALICE, {})).toEqual(defaultPushRules(ALICE));
  });

  it('ignores a change for a rule that does not exist', () => {
    const merged = mergePushRules(ALICE, { defaults: { override: { toString: { enabled: true } } } });
    expect(merged).toEqual(defaultPushRules(ALICE));
  });
});

describe('client-server-api "Push Rules: Events" examples', () => {
  const put = (kind: string, ruleId: string, body: unknown) => parsePushRule(kind, ruleId, body);

  it('a room rule with no actions suppresses notifications for !dj234r78wl45Gh4D:matrix.org', () => {
    const rules = mergePushRules(ALICE, { rules: { room: [put('room', ROOM, { actions: [] })] } });
    expect(evaluatePushRules(rules, message('hi', { room_id: ROOM }), context)).toMatchObject({
      ruleId: ROOM,
      notify: false,
    });
    expect(evaluatePushRules(rules, message('hi'), context)?.ruleId).toBe('.m.rule.message');
  });

  it('a sender rule with no actions suppresses @spambot:matrix.org', () => {
    const rules = mergePushRules(ALICE, {
      rules: { sender: [put('sender', '@spambot:matrix.org', { actions: [] })] },
    });
    expect(
      evaluatePushRules(rules, message('buy', { sender: '@spambot:matrix.org' }), context),
    ).toMatchObject({
      notify: false,
    });
  });

  it("'cake' plays cakealarm.wav, and 'cake*lie' placed before it supersedes it", () => {
    const cake = put('content', 'SSByZWFsbHkgbGlrZSBjYWtl', {
      pattern: 'cake',
      actions: ['notify', { set_tweak: 'sound', value: 'cakealarm.wav' }],
    });
    const lie = put('content', 'U3BvbmdlIGNha2UgaXMgYmVzdA', { pattern: 'cake*lie', actions: ['notify'] });
    const withCake = mergePushRules(ALICE, { rules: { content: [cake] } });
    expect(evaluatePushRules(withCake, message('Mmm, cake.'), context)).toMatchObject({
      ruleId: 'SSByZWFsbHkgbGlrZSBjYWtl',
      sound: 'cakealarm.wav',
    });
    const both = mergePushRules(ALICE, { rules: { content: [lie, cake] } });
    expect(evaluatePushRules(both, message('the cake is a lie'), context)).toMatchObject({
      ruleId: 'U3BvbmdlIGNha2UgaXMgYmVzdA',
      notify: true,
    });
    expect(evaluatePushRules(both, message('the cake is great'), context)?.ruleId).toBe(
      'SSByZWFsbHkgbGlrZSBjYWtl',
    );
  });

  it("'beer' in rooms of 10 members or fewer plays beeroclock.wav", () => {
    const beer = put('override', 'U2VlIHlvdSBpbiBUaGUgRHVrZQ', {
      conditions: [
        { kind: 'event_match', key: 'content.body', pattern: 'beer' },
        { kind: 'room_member_count', is: '<=10' },
      ],
      actions: ['notify', { set_tweak: 'sound', value: 'beeroclock.wav' }],
    });
    const rules = mergePushRules(ALICE, { rules: { override: [beer] } });
    expect(evaluatePushRules(rules, message('beer?'), { ...context, roomMemberCount: 10 })).toMatchObject({
      ruleId: 'U2VlIHlvdSBpbiBUaGUgRHVrZQ',
      sound: 'beeroclock.wav',
    });
    expect(evaluatePushRules(rules, message('beer?'), { ...context, roomMemberCount: 11 })?.ruleId).toBe(
      '.m.rule.message',
    );
    expect(evaluatePushRules(rules, message('beers'), { ...context, roomMemberCount: 2 })?.ruleId).toBe(
      '.m.rule.room_one_to_one',
    );
  });
});
