import { ExecutionContext } from '@nestjs/common';
import { testConfig } from '@switchboard/config/testing';
import { FederationEnabledGuard } from './federation-enabled.guard';

function contextFor(url: string): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ url }) }) } as unknown as ExecutionContext;
}

describe('FederationEnabledGuard (federation.enabled)', () => {
  const federationRoutes = [
    '/_matrix/federation/v1/version',
    '/_matrix/federation/v1/send/1',
    '/_matrix/key/v2/server',
    '/_matrix/key/v2/query/example.org?minimum_valid_until_ts=1',
    '/.well-known/matrix/server',
  ];

  it.each(federationRoutes)('answers %s with 404 M_UNRECOGNIZED when federation is disabled', (url) => {
    const guard = new FederationEnabledGuard(testConfig({ federation: { enabled: false } }));
    expect(() => guard.canActivate(contextFor(url))).toThrow(
      expect.objectContaining({ errcode: 'M_UNRECOGNIZED', status: 404 }),
    );
  });

  it('leaves the client API alone when federation is disabled', () => {
    const guard = new FederationEnabledGuard(testConfig({ federation: { enabled: false } }));
    expect(guard.canActivate(contextFor('/_matrix/client/versions'))).toBe(true);
  });

  it.each(federationRoutes)('lets %s through when federation is enabled', (url) => {
    expect(new FederationEnabledGuard(testConfig()).canActivate(contextFor(url))).toBe(true);
  });
});
