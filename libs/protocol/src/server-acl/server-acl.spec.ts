import { serverAllowedByAcl } from './server-acl';

describe('serverAllowedByAcl (m.room.server_acl)', () => {
  it('allows every server in a room without an ACL', () => {
    expect(serverAllowedByAcl(undefined, 'evil.com')).toBe(true);
  });

  it('denies what deny matches before looking at allow, ignoring ports and case', () => {
    const acl = { allow: ['*'], deny: ['evil.com', '*.evil.com'] };
    expect(serverAllowedByAcl(acl, 'evil.com:8448')).toBe(false);
    expect(serverAllowedByAcl(acl, 'sub.EVIL.com')).toBe(false);
    expect(serverAllowedByAcl(acl, 'good.org:1234')).toBe(true);
  });

  it('denies everything when allow is missing ("effectively disallowing every server")', () => {
    expect(serverAllowedByAcl({ deny: [] }, 'good.org')).toBe(false);
  });

  it('denies IP literals only when allow_ip_literals is false', () => {
    expect(serverAllowedByAcl({ allow: ['*'] }, '1.2.3.4:8448')).toBe(true);
    expect(serverAllowedByAcl({ allow: ['*'], allow_ip_literals: false }, '1.2.3.4')).toBe(false);
    expect(serverAllowedByAcl({ allow: ['*'], allow_ip_literals: false }, '[::1]:8448')).toBe(false);
  });
});
