/**
 * `room_member_count`'s `is`: "A decimal integer optionally prefixed by one of, `==`, `<`, `>`, `>=`
 * or `<=`. [...] If no prefix is present, this parameter defaults to `==`."
 */
const IS_SYNTAX = /^(==|<=|>=|<|>)?([0-9]+)$/;

export type MemberCountOperator = '==' | '<' | '>' | '>=' | '<=';

export interface MemberCountTest {
  operator: MemberCountOperator;
  count: number;
}

/** Undefined when `is` does not follow the syntax; such a condition never matches. */
export function parseMemberCountIs(is: string): MemberCountTest | undefined {
  const m = IS_SYNTAX.exec(is);
  if (m === null) return undefined;
  return { operator: (m[1] ?? '==') as MemberCountOperator, count: Number(m[2]) };
}

export function matchesMemberCount(is: string, memberCount: number): boolean {
  const test = parseMemberCountIs(is);
  if (test === undefined) return false;
  switch (test.operator) {
    case '==':
      return memberCount === test.count;
    case '<':
      return memberCount < test.count;
    case '>':
      return memberCount > test.count;
    case '>=':
      return memberCount >= test.count;
    case '<=':
      return memberCount <= test.count;
  }
}
