import { isFlowComplete, isNextStage, offersStage } from './uia-flows';

const FLOWS = [
  ['example.type.foo', 'example.type.bar'],
  ['example.type.foo', 'example.type.baz'],
];

describe('UIA flows (client-server-api "User-Interactive Authentication API")', () => {
  it('"the flow\'s stages must be completed in order"', () => {
    expect(isNextStage(FLOWS, [], 'example.type.foo')).toBe(true);
    expect(isNextStage(FLOWS, [], 'example.type.bar')).toBe(false);
    expect(isNextStage(FLOWS, ['example.type.foo'], 'example.type.baz')).toBe(true);
    expect(isNextStage(FLOWS, ['example.type.foo'], 'example.type.foo')).toBe(false);
  });

  it('"When all stages in a flow are complete, authentication is complete"', () => {
    expect(isFlowComplete(FLOWS, [])).toBe(false);
    expect(isFlowComplete(FLOWS, ['example.type.foo'])).toBe(false);
    expect(isFlowComplete(FLOWS, ['example.type.foo', 'example.type.baz'])).toBe(true);
    expect(isFlowComplete(FLOWS, ['example.type.baz', 'example.type.foo'])).toBe(false);
  });

  it('knows which stages any flow offers', () => {
    expect(offersStage(FLOWS, 'example.type.bar')).toBe(true);
    expect(offersStage(FLOWS, 'm.login.dummy')).toBe(false);
  });
});
