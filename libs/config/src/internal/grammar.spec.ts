import { isIpRange, isServerName, isUrlWithScheme, userIdServerName } from './grammar';
import { suggestKey } from './problems';

describe('server name grammar (spec appendix, "Server name")', () => {
  it.each([
    'example.org',
    'localhost',
    'localhost:8008',
    '1.2.3.4',
    '1.2.3.4:1',
    '[::1]',
    '[1234:5678::abcd]:65535',
  ])('accepts %s', (name) => expect(isServerName(name)).toBe(true));
  it.each([
    '',
    'a b',
    '::1',
    '[::1',
    '[xyz]',
    '256.1.1.1',
    'example.org:',
    'example.org:0',
    'example.org:65536',
    '.org',
    'a..b',
    'é.org',
  ])('rejects %j', (name) => expect(isServerName(name)).toBe(false));
});

describe('user IDs', () => {
  it('returns the server name of a valid user ID', () => {
    expect(userIdServerName('@alice:example.org')).toBe('example.org');
    expect(userIdServerName('@bob=2F:[::1]:8448')).toBe('[::1]:8448');
  });
  it.each([
    'alice:example.org',
    '@:example.org',
    '@alice',
    '@al ice:example.org',
    `@${'a'.repeat(250)}:example.org`,
  ])('rejects %j', (id) => expect(userIdServerName(id)).toBeNull());
});

describe('IP ranges and URLs', () => {
  it.each(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', '::1/128'])('accepts %s', (r) =>
    expect(isIpRange(r)).toBe(true),
  );
  it.each(['10.0.0.0/33', 'fd00::/129', 'example.org/8', '10.0.0.0/', '10.0.0.0/-1'])('rejects %s', (r) =>
    expect(isIpRange(r)).toBe(false),
  );
  it('checks the scheme, and takes a Unix-socket database URL', () => {
    expect(isUrlWithScheme('postgresql:///db?host=/run/postgresql', ['postgres:', 'postgresql:'])).toBe(true);
    expect(isUrlWithScheme('mysql://db/x', ['postgres:', 'postgresql:'])).toBe(false);
    expect(isUrlWithScheme('not a url', ['redis:'])).toBe(false);
  });
});

describe('suggestKey', () => {
  const keys = ['server_name', 'public_baseurl', 'listeners', 'rate_limiting'];
  it.each([
    ['sever_name', 'server_name'],
    ['Server-Name', 'server_name'],
    ['public_base_url', 'public_baseurl'],
    ['listener', 'listeners'],
    ['ratelimiting', 'rate_limiting'],
  ])('%s -> %s', (typo, key) => expect(suggestKey(typo, keys)).toBe(`a known key (did you mean "${key}"?)`));
  it('lists the keys when nothing is close', () => {
    expect(suggestKey('media', keys)).toBe(
      'one of the known keys: server_name, public_baseurl, listeners, rate_limiting',
    );
  });
});
