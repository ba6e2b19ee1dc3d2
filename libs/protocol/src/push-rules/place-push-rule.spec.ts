import { MatrixError } from '../errors/matrix-error';
import { placePushRule } from './place-push-rule';
import { PushRule } from './push-rule.types';

const rule = (rule_id: string, extra: Partial<PushRule> = {}): PushRule => ({
  rule_id,
  default: false,
  enabled: true,
  actions: ['notify'],
  pattern: rule_id,
  ...extra,
});
const ids = (rules: PushRule[]) => rules.map((r) => r.rule_id);
const abc = [rule('a'), rule('b'), rule('c')];

describe('placePushRule (PUT /pushrules/global/{kind}/{ruleId}, before / after)', () => {
  it('adds a new rule as the most important user-defined rule', () => {
    expect(ids(placePushRule(abc, rule('n')))).toEqual(['n', 'a', 'b', 'c']);
    expect(ids(placePushRule([], rule('n')))).toEqual(['n']);
  });

  it('updates an existing rule in place, keeping whether it is enabled', () => {
    const rules = [rule('a'), rule('b', { enabled: false }), rule('c')];
    const out = placePushRule(rules, rule('b', { actions: [] }));
    expect(ids(out)).toEqual(['a', 'b', 'c']);
    expect(out[1]).toMatchObject({ actions: [], enabled: false });
  });

  it('`before` makes the rule the next-most important with respect to the given rule', () => {
    expect(ids(placePushRule(abc, rule('n'), { before: 'b' }))).toEqual(['a', 'n', 'b', 'c']);
    expect(ids(placePushRule(abc, rule('n'), { before: 'a' }))).toEqual(['n', 'a', 'b', 'c']);
  });

  it('`after` makes it the next-less important', () => {
    expect(ids(placePushRule(abc, rule('n'), { after: 'b' }))).toEqual(['a', 'b', 'n', 'c']);
    expect(ids(placePushRule(abc, rule('n'), { after: 'c' }))).toEqual(['a', 'b', 'c', 'n']);
  });

  it('with both, `before` decides', () => {
    expect(ids(placePushRule(abc, rule('n'), { before: 'a', after: 'c' }))).toEqual(['n', 'a', 'b', 'c']);
  });

  it('moves an existing rule', () => {
    expect(ids(placePushRule(abc, rule('a'), { after: 'c' }))).toEqual(['b', 'c', 'a']);
    expect(ids(placePushRule(abc, rule('c'), { before: 'a' }))).toEqual(['c', 'a', 'b']);
  });

  it('spec example: the "cake*lie" rule placed before the "cake" rule', () => {
    const cake = rule('SSByZWFsbHkgbGlrZSBjYWtl', { pattern: 'cake' });
    const lie = rule('U3BvbmdlIGNha2UgaXMgYmVzdA', { pattern: 'cake*lie' });
    expect(ids(placePushRule([cake], lie, { before: 'SSByZWFsbHkgbGlrZSBjYWtl' }))).toEqual([
      'U3BvbmdlIGNha2UgaXMgYmVzdA',
      'SSByZWFsbHkgbGlrZSBjYWtl',
    ]);
  });

  it("fails with the spec's M_UNKNOWN for an unknown or server-default anchor, or the rule itself", () => {
    for (const position of [{ before: 'someRuleId' }, { after: '.m.rule.master' }, { before: 'n' }]) {
      let error: unknown;
      try {
        placePushRule(abc, rule('n'), position);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MatrixError);
      expect(error).toMatchObject({ errcode: 'M_UNKNOWN', status: 400 });
    }
    expect(() => placePushRule(abc, rule('n'), { before: 'someRuleId' })).toThrow(
      'before/after rule not found: someRuleId',
    );
  });

  it('never changes the list it is given', () => {
    const rules = [rule('a'), rule('b')];
    placePushRule(rules, rule('n'), { after: 'a' });
    expect(ids(rules)).toEqual(['a', 'b']);
  });
});
