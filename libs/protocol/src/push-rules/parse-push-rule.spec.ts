import { MatrixError } from '../errors/matrix-error';
import { defaultPushRules } from './default-push-rules';
import {
  parsePushActions,
  parsePushCondition,
  parsePushRule,
  parsePushRuleId,
  parsePushRuleKind,
  parsePushRules,
} from './parse-push-rule';

function expectError(fn: () => unknown, errcode: string, field: string): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MatrixError);
    expect(e).toMatchObject({ errcode, status: 400 });
    expect((e as MatrixError).message).toContain(field);
    return;
  }
  throw new Error('expected a MatrixError');
}

describe('parsePushRule (PUT /pushrules/global/{kind}/{ruleId})', () => {
  it('spec example body: {"pattern": "cake*lie", "actions": ["notify"]}', () => {
    expect(parsePushRule('content', 'nocake', { pattern: 'cake*lie', actions: ['notify'] })).toEqual({
      rule_id: 'nocake',
      default: false,
      enabled: true,
      actions: ['notify'],
      pattern: 'cake*lie',
    });
  });

  it('override and underride rules take conditions, defaulting to none', () => {
    expect(parsePushRule('override', 'x', { actions: [] })).toEqual({
      rule_id: 'x',
      default: false,
      enabled: true,
      actions: [],
      conditions: [],
    });
    expect(
      parsePushRule('underride', 'x', {
        actions: ['notify'],
        conditions: [{ kind: 'event_match', key: 'type', pattern: 'm.room.message', extra: 1 }],
      }).conditions,
    ).toEqual([{ kind: 'event_match', key: 'type', pattern: 'm.room.message' }]);
  });

  it('drops parameters another kind has', () => {
    const rule = parsePushRule('room', '!r:example.org', { actions: [], pattern: 'x', conditions: [] });
    expect(rule).toEqual({ rule_id: '!r:example.org', default: false, enabled: true, actions: [] });
    expect(
      parsePushRule('content', 'c', { actions: [], pattern: 'x', conditions: [] }).conditions,
    ).toBeUndefined();
  });

  it('requires actions, a JSON object body, and a pattern for content rules', () => {
    expectError(() => parsePushRule('override', 'x', {}), 'M_BAD_JSON', 'actions');
    expectError(() => parsePushRule('override', 'x', []), 'M_BAD_JSON', 'body');
    expectError(() => parsePushRule('override', 'x', null), 'M_BAD_JSON', 'body');
    expectError(() => parsePushRule('content', 'x', { actions: [] }), 'M_BAD_JSON', 'pattern');
    expectError(() => parsePushRule('content', 'x', { actions: [], pattern: 1 }), 'M_BAD_JSON', 'pattern');
    expectError(
      () => parsePushRule('override', 'x', { actions: [], conditions: {} }),
      'M_BAD_JSON',
      'conditions',
    );
  });

  it('names the failing condition', () => {
    expectError(
      () =>
        parsePushRule('override', 'x', { actions: [], conditions: [{ kind: 'event_match', key: 'type' }] }),
      'M_BAD_JSON',
      'conditions[0].pattern',
    );
  });
});

describe('parsePushRuleKind and parsePushRuleId', () => {
  it('accepts the five kinds only', () => {
    for (const kind of ['override', 'content', 'room', 'sender', 'underride'])
      expect(parsePushRuleKind(kind)).toBe(kind);
    expectError(() => parsePushRuleKind('global'), 'M_INVALID_PARAM', 'kind');
  });

  it('"If the string starts with a dot, the request MUST be rejected"', () => {
    expectError(() => parsePushRuleId('override', '.m.rule.master'), 'M_INVALID_PARAM', 'rule_id');
  });

  it('"Slashes and backslashes are also not allowed"', () => {
    expectError(() => parsePushRuleId('override', 'a/b'), 'M_INVALID_PARAM', 'rule_id');
    expectError(() => parsePushRuleId('override', 'a\\b'), 'M_INVALID_PARAM', 'rule_id');
    expectError(() => parsePushRuleId('override', ''), 'M_INVALID_PARAM', 'rule_id');
  });

  it('room and sender rules may be named by anything else allowed: they then match nothing', () => {
    expect(parsePushRuleId('room', '!r:example.org')).toBe('!r:example.org');
    expect(parsePushRuleId('room', '#alias:example.org')).toBe('#alias:example.org');
    expect(parsePushRuleId('sender', '@s:example.org')).toBe('@s:example.org');
  });
});

describe('parsePushActions', () => {
  it('keeps notify and tweaks, with or without a value', () => {
    expect(
      parsePushActions([
        'notify',
        { set_tweak: 'sound', value: 'default' },
        { set_tweak: 'highlight' },
        { set_tweak: 'x', value: [1] },
      ]),
    ).toEqual([
      'notify',
      { set_tweak: 'sound', value: 'default' },
      { set_tweak: 'highlight' },
      { set_tweak: 'x', value: [1] },
    ]);
  });

  it('keeps the historical dont_notify and coalesce as they were set', () => {
    expect(parsePushActions(['dont_notify'])).toEqual(['dont_notify']);
    expect(parsePushActions(['coalesce', 'notify'])).toEqual(['coalesce', 'notify']);
  });

  it('rejects unknown actions and malformed tweaks', () => {
    expectError(() => parsePushActions(['ring']), 'M_INVALID_PARAM', 'actions[0]');
    expectError(() => parsePushActions(['notify', { notify: true }]), 'M_INVALID_PARAM', 'actions[1]');
    expectError(() => parsePushActions([{ set_tweak: 1 }]), 'M_BAD_JSON', 'actions[0].set_tweak');
    expectError(() => parsePushActions([1]), 'M_BAD_JSON', 'actions[0]');
    expectError(() => parsePushActions('notify'), 'M_BAD_JSON', 'actions');
  });

  it("checks the defined tweaks' value types: highlight a boolean, sound a string", () => {
    expectError(
      () => parsePushActions([{ set_tweak: 'highlight', value: 'yes' }]),
      'M_BAD_JSON',
      'actions[0].value',
    );
    expectError(() => parsePushActions([{ set_tweak: 'sound', value: 1 }]), 'M_BAD_JSON', 'actions[0].value');
  });
});

describe('parsePushCondition', () => {
  it('reads each known kind', () => {
    expect(parsePushCondition({ kind: 'event_match', key: 'content.body', pattern: 'x' })).toEqual({
      kind: 'event_match',
      key: 'content.body',
      pattern: 'x',
    });
    expect(
      parsePushCondition({ kind: 'event_property_is', key: 'content.m\\.federate', value: true }),
    ).toEqual({
      kind: 'event_property_is',
      key: 'content.m\\.federate',
      value: true,
    });
    expect(parsePushCondition({ kind: 'event_property_contains', key: 'k', value: null })).toEqual({
      kind: 'event_property_contains',
      key: 'k',
      value: null,
    });
    expect(parsePushCondition({ kind: 'contains_display_name' })).toEqual({ kind: 'contains_display_name' });
    expect(parsePushCondition({ kind: 'room_member_count', is: '>=3' })).toEqual({
      kind: 'room_member_count',
      is: '>=3',
    });
    expect(parsePushCondition({ kind: 'sender_notification_permission', key: 'room' })).toEqual({
      kind: 'sender_notification_permission',
      key: 'room',
    });
  });

  it('keeps an unknown kind as sent', () => {
    expect(parsePushCondition({ kind: 'org.example.new', a: [1] })).toEqual({
      kind: 'org.example.new',
      a: [1],
    });
  });

  it('takes only non-compound canonical JSON values', () => {
    for (const value of [1.5, 2 ** 53, -(2 ** 53), [1], { a: 1 }]) {
      expectError(
        () => parsePushCondition({ kind: 'event_property_is', key: 'k', value }),
        'M_BAD_JSON',
        'condition.value',
      );
    }
    expect(parsePushCondition({ kind: 'event_property_is', key: 'k', value: 2 ** 53 - 1 })).toMatchObject({
      value: 2 ** 53 - 1,
    });
    expectError(() => parsePushCondition({ kind: 'event_property_is', key: 'k' }), 'M_BAD_JSON', 'value');
  });

  it('rejects a room_member_count `is` outside its syntax', () => {
    expectError(() => parsePushCondition({ kind: 'room_member_count', is: '!=2' }), 'M_INVALID_PARAM', 'is');
    expectError(() => parsePushCondition({ kind: 'room_member_count', is: 2 }), 'M_BAD_JSON', 'is');
  });

  it("requires kind and the kind's parameters", () => {
    expectError(() => parsePushCondition({}), 'M_BAD_JSON', 'kind');
    expectError(() => parsePushCondition('event_match'), 'M_BAD_JSON', 'condition');
    expectError(() => parsePushCondition({ kind: 'sender_notification_permission' }), 'M_BAD_JSON', 'key');
  });
});

describe('parsePushRules (m.push_rules content)', () => {
  it('round-trips the server-default ruleset', () => {
    const rules = defaultPushRules('@alice:example.org');
    expect(parsePushRules(JSON.parse(JSON.stringify(rules)))).toEqual(rules);
  });

  it('reads the spec example of push_ruleset.yaml (abridged), filling absent kinds', () => {
    const parsed = parsePushRules({
      global: {
        override: [{ actions: [], conditions: [], default: true, enabled: false, rule_id: '.m.rule.master' }],
        room: [],
        sender: [],
        underride: [
          {
            actions: [
              'notify',
              { set_tweak: 'sound', value: 'ring' },
              { set_tweak: 'highlight', value: false },
            ],
            conditions: [{ key: 'type', kind: 'event_match', pattern: 'm.call.invite' }],
            default: true,
            enabled: true,
            rule_id: '.m.rule.call',
          },
        ],
      },
    });
    expect(parsed.global.content).toEqual([]);
    expect(parsed.global.underride[0].actions[2]).toEqual({ set_tweak: 'highlight', value: false });
  });

  it('names the bad field', () => {
    expectError(() => parsePushRules({}), 'M_BAD_JSON', 'global');
    expectError(() => parsePushRules({ global: { room: {} } }), 'M_BAD_JSON', 'global.room');
    expectError(
      () => parsePushRules({ global: { override: [{ rule_id: 'x', default: true, actions: [] }] } }),
      'M_BAD_JSON',
      'global.override[0].enabled',
    );
    expectError(
      () =>
        parsePushRules({
          global: { content: [{ rule_id: 'x', default: false, enabled: true, actions: [] }] },
        }),
      'M_BAD_JSON',
      'global.content[0].pattern',
    );
  });
});
