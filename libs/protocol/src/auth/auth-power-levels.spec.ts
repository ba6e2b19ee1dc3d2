import { runRuleCases } from './rule-cases/harness';
import { powerLevelsCases } from './rule-cases/power-levels.cases';

describe('auth rules: m.room.power_levels', () => {
  runRuleCases(powerLevelsCases);
});
