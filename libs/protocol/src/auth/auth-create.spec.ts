import { createCases } from './rule-cases/create.cases';
import { runRuleCases } from './rule-cases/harness';

describe('auth rules: create event, room ID, auth_events, m.federate, aliases', () => {
  runRuleCases(createCases);
});
