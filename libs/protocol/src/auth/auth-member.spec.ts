import { runRuleCases } from './rule-cases/harness';
import { inviteCases } from './rule-cases/invite.cases';
import { joinCases } from './rule-cases/join.cases';
import { membershipCases } from './rule-cases/membership.cases';

describe('auth rules: m.room.member', () => {
  runRuleCases([...joinCases, ...inviteCases, ...membershipCases]);
});
