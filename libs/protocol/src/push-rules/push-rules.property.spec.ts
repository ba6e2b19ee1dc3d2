import fc from 'fast-check';
import { MatrixError } from '../errors/matrix-error';
import { JsonObject, JsonValue } from '../events/pdu.types';
import { defaultPushRules } from './default-push-rules';
import { evaluatePushRules } from './evaluate-push-rules';
import { mergePushRules } from './merge-push-rules';
import { parsePushRule, parsePushRules } from './parse-push-rule';
import { PushEvaluationContext, PushRule, PushRuleKind } from './push-rule.types';

const json = fc.jsonValue() as fc.Arbitrary<JsonValue>;
const jsonObject = fc.dictionary(fc.string(), json) as fc.Arbitrary<JsonObject>;
const globText = fc.string({
  unit: fc.constantFrom('a', 'B', '*', '?', '.', ' ', '-', '\\', 'é', '🎉', '['),
});
const path = fc.constantFrom(
  'type',
  'state_key',
  'sender',
  'content.body',
  'content.msgtype',
  'content.m\\.mentions.user_ids',
  'content.m\\.mentions.room',
  'content.m\\.relates_to.rel_type',
  'content.m\\x',
  'content',
  '',
  '.',
  '\\',
);
const kind = fc.constantFrom<PushRuleKind>('override', 'content', 'room', 'sender', 'underride');

/** Events shaped like real ones, with values of any type where the rules look. */
const event: fc.Arbitrary<JsonObject> = fc.record(
  {
    type: fc.oneof(
      fc.constantFrom('m.room.message', 'm.room.member', 'm.room.encrypted', 'm.reaction'),
      json,
    ),
    sender: fc.oneof(fc.constantFrom('@bob:example.org', '@alice:example.org'), json),
    room_id: fc.oneof(fc.constant('!r:example.org'), json),
    state_key: json,
    content: fc.oneof(
      fc.record(
        {
          body: fc.oneof(globText, json),
          msgtype: fc.oneof(fc.constant('m.notice'), json),
          membership: json,
          'm.mentions': fc.oneof(
            fc.record({ user_ids: fc.array(json), room: json }, { requiredKeys: [] }),
            json,
          ),
          'm.relates_to': fc.oneof(fc.record({ rel_type: json }), json),
          'm\\x': json,
        },
        { requiredKeys: [] },
      ),
      json,
    ),
  },
  { requiredKeys: [] },
);

const condition = fc.oneof(
  fc.record({
    kind: fc.constantFrom('event_match', 'event_property_is', 'event_property_contains'),
    key: path,
    pattern: globText,
    value: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
  }),
  fc.record({ kind: fc.constant('room_member_count'), is: fc.stringMatching(/^(==|<|>|<=|>=)?[0-9]{1,3}$/) }),
  fc.record({
    kind: fc.constantFrom('sender_notification_permission'),
    key: fc.constantFrom('room', 'x', ''),
  }),
  fc.record({ kind: fc.constantFrom('contains_display_name', 'org.example.unknown') }),
  json,
);

const body = fc.oneof(
  fc.record(
    {
      actions: fc.array(
        fc.oneof(
          fc.constantFrom('notify', 'dont_notify'),
          fc.record({ set_tweak: fc.string(), value: json }),
          json,
        ),
      ),
      conditions: fc.oneof(fc.array(condition), json),
      pattern: fc.oneof(globText, json),
    },
    { requiredKeys: [] },
  ),
  json,
);

const context: fc.Arbitrary<PushEvaluationContext> = fc.record({
  userId: fc.constantFrom('@alice:example.org', '@bob:example.org'),
  displayName: fc.option(globText, { nil: undefined }),
  roomMemberCount: fc.nat(1000),
  senderPowerLevel: fc.integer({ min: -100, max: 200 }),
  notificationPowerLevels: fc.option(jsonObject, { nil: undefined }),
});

function onlyMatrixErrors<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof MatrixError)) throw e;
    return undefined;
  }
}

describe('push rules never fail on arbitrary JSON', () => {
  it('evaluating the defaults never throws, for any JSON object as the event', () => {
    const rules = defaultPushRules('@alice:example.org');
    fc.assert(
      fc.property(fc.oneof(jsonObject, event), context, (e, ctx) => {
        evaluatePushRules(rules, e, ctx);
      }),
    );
  });

  it('parsePushRule throws nothing but MatrixError, and a parsed rule evaluates without throwing', () => {
    fc.assert(
      fc.property(
        kind,
        fc.oneof(fc.string(), fc.constantFrom('!r:example.org', '@bob:example.org')),
        body,
        event,
        context,
        (k, id, b, e, ctx) => {
          const rule = onlyMatrixErrors(() => parsePushRule(k, id, b));
          if (rule === undefined) return;
          const rules = mergePushRules(ctx.userId, { rules: { [k]: [rule] } });
          evaluatePushRules(rules, e, ctx);
        },
      ),
    );
  });

  it('parsePushRules throws nothing but MatrixError, and a parsed ruleset evaluates without throwing', () => {
    const storedRule = fc.record(
      {
        rule_id: fc.oneof(fc.string(), json),
        default: fc.oneof(fc.boolean(), json),
        enabled: fc.oneof(fc.boolean(), json),
        actions: fc.oneof(fc.array(fc.constantFrom<JsonValue>('notify', { set_tweak: 'highlight' })), json),
        conditions: fc.oneof(fc.array(condition), json),
        pattern: fc.oneof(globText, json),
      },
      { requiredKeys: [] },
    );
    const ruleset = fc.oneof(
      fc.record({ global: fc.dictionary(kind, fc.oneof(fc.array(storedRule), json)) }),
      json,
    );
    fc.assert(
      fc.property(ruleset, event, context, (r, e, ctx) => {
        const rules = onlyMatrixErrors(() => parsePushRules(r));
        if (rules !== undefined) evaluatePushRules(rules, e, ctx);
      }),
    );
  });

  it('a rule that matches every event is the result for every event not sent by the user', () => {
    const all: PushRule = { rule_id: 'all', default: false, enabled: true, actions: [], conditions: [] };
    const rules = mergePushRules('@alice:example.org', { rules: { override: [all] } });
    fc.assert(
      fc.property(event, context, (e, ctx) => {
        const result = evaluatePushRules(rules, e, { ...ctx, userId: '@alice:example.org' });
        expect(result?.ruleId).toBe(e.sender === '@alice:example.org' ? undefined : 'all');
      }),
    );
  });
});
