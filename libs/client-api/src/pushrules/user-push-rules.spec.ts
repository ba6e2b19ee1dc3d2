import { mergePushRules, UserPushRules } from '@switchboard/protocol';
import { changeRule, copyRoomRules, deleteUserRule } from './user-push-rules';

const USER = '@u:example.org';
const own = { rule_id: 'mine', default: false, enabled: true, actions: ['notify' as const], pattern: 'cake' };

describe("a user's changes to their push rules", () => {
  it('a change to a server-default rule is recorded against it; a user rule is edited in place', () => {
    let doc: UserPushRules = { rules: { content: [own] } };
    doc = changeRule(doc, mergePushRules(USER, doc), 'underride', '.m.rule.message', { enabled: false });
    doc = changeRule(doc, mergePushRules(USER, doc), 'underride', '.m.rule.message', { actions: [] });
    doc = changeRule(doc, mergePushRules(USER, doc), 'content', 'mine', { enabled: false });
    expect(doc.defaults).toEqual({ underride: { '.m.rule.message': { enabled: false, actions: [] } } });
    expect(doc.rules?.content).toEqual([{ ...own, enabled: false }]);
  });

  it('unknown rules and server-default rules are M_NOT_FOUND to delete; unknown ones to change too', () => {
    const doc: UserPushRules = { rules: { content: [own] } };
    expect(deleteUserRule(doc, 'content', 'mine').rules?.content).toEqual([]);
    expect(() => deleteUserRule(doc, 'underride', '.m.rule.message')).toThrow(
      expect.objectContaining({ errcode: 'M_NOT_FOUND', status: 404 }),
    );
    expect(() =>
      changeRule(doc, mergePushRules(USER, doc), 'override', '.m.rule.nope', { enabled: true }),
    ).toThrow(expect.objectContaining({ errcode: 'M_NOT_FOUND' }));
  });

  it('rules about a room are copied to its upgrade, once', () => {
    const roomRule = { rule_id: '!old:x', default: false, enabled: true, actions: [] };
    const override = {
      rule_id: 'mute-!old:x',
      default: false,
      enabled: true,
      actions: [],
      conditions: [{ kind: 'event_match', key: 'room_id', pattern: '!old:x' }],
    };
    const doc: UserPushRules = { rules: { room: [roomRule], override: [override] } };
    const copied = copyRoomRules(doc, '!old:x', '!new:x');
    expect(copied.rules?.room?.map((r) => r.rule_id)).toEqual(['!new:x', '!old:x']);
    expect(copied.rules?.override?.[0]).toEqual({
      ...override,
      rule_id: 'mute-!new:x',
      conditions: [{ kind: 'event_match', key: 'room_id', pattern: '!new:x' }],
    });
    expect(copyRoomRules(copied, '!old:x', '!new:x')).toBe(copied);
    expect(copyRoomRules(doc, '!other:x', '!new:x')).toBe(doc);
  });
});
