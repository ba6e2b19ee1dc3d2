import { hasPermission, permissionOf } from './permissions';

describe('permissionOf', () => {
  const permissions = { '*': 'relay', 'example.org': 'user', '@boss:example.org': 'admin' } as const;

  it.each([
    ['@boss:example.org', 'admin'],
    ['@someone:example.org', 'user'],
    ['@stranger:elsewhere.net', 'relay'],
  ])('gives %s the most specific level: %s', (mxid, level) => {
    expect(permissionOf(permissions, mxid)).toBe(level);
  });

  it('gives nobody anything without an entry', () => {
    expect(permissionOf({}, '@a:b')).toBeNull();
    expect(hasPermission({}, '@a:b', 'relay')).toBe(false);
  });

  it('orders relay < user < admin', () => {
    expect(hasPermission(permissions, '@someone:example.org', 'relay')).toBe(true);
    expect(hasPermission(permissions, '@someone:example.org', 'user')).toBe(true);
    expect(hasPermission(permissions, '@someone:example.org', 'admin')).toBe(false);
  });
});
