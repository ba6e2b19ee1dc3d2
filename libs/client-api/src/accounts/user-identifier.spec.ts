import { identifiedUserId, thirdPartyIdentifier } from './user-identifier';

describe('identifiedUserId (client-server-api "Identifier types")', () => {
  it('m.id.user: "either the fully qualified Matrix user ID, or just the localpart"', () => {
    expect(identifiedUserId({ identifier: { type: 'm.id.user', user: 'alice' } }, 'test.local')).toBe(
      '@alice:test.local',
    );
    expect(
      identifiedUserId({ identifier: { type: 'm.id.user', user: '@alice:test.local' } }, 'test.local'),
    ).toBe('@alice:test.local');
  });

  it('accepts the deprecated top-level `user`', () => {
    expect(identifiedUserId({ user: 'alice' }, 'test.local')).toBe('@alice:test.local');
  });

  it("is null for another server's user or a malformed ID", () => {
    expect(identifiedUserId({ user: '@alice:elsewhere.org' }, 'test.local')).toBeNull();
    expect(identifiedUserId({ user: '@alice' }, 'test.local')).toBeNull();
  });

  it('"the homeserver does not know about the supplied 3PID": 403 M_FORBIDDEN', () => {
    for (const body of [
      { identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'a@b.c' } },
      { identifier: { type: 'm.id.phone', country: 'GB', phone: '123' } },
      { medium: 'email', address: 'a@b.c' },
    ]) {
      expect(() => identifiedUserId(body, 'test.local')).toThrow(
        expect.objectContaining({ errcode: 'M_FORBIDDEN', status: 403 }),
      );
    }
  });

  it('M_MISSING_PARAM without any identifier, 400 for an unknown identifier type', () => {
    expect(() => identifiedUserId({}, 'test.local')).toThrow(
      expect.objectContaining({ errcode: 'M_MISSING_PARAM' }),
    );
    expect(() => identifiedUserId({ identifier: { type: 'm.id.magic' } }, 'test.local')).toThrow(
      expect.objectContaining({ errcode: 'M_UNKNOWN', status: 400 }),
    );
  });

  it('thirdPartyIdentifier: m.id.thirdparty or the deprecated top-level medium and address; e-mail in lower case', () => {
    expect(
      thirdPartyIdentifier({ identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'A@B.c' } }),
    ).toEqual({ medium: 'email', address: 'a@b.c' });
    expect(thirdPartyIdentifier({ medium: 'msisdn', address: '4412' })).toEqual({
      medium: 'msisdn',
      address: '4412',
    });
    expect(thirdPartyIdentifier({ identifier: { type: 'm.id.user', user: 'alice' } })).toBeNull();
    expect(thirdPartyIdentifier({ user: 'alice', medium: 'email' })).toBeNull();
    expect(() => thirdPartyIdentifier({ identifier: { type: 'm.id.thirdparty', medium: 'email' } })).toThrow(
      expect.objectContaining({ errcode: 'M_MISSING_PARAM' }),
    );
  });
});
