import { IpDenyList } from './ip-deny-list';

describe('IpDenyList (federation.ip_range_allowlist)', () => {
  const none = new IpDenyList([]);

  it.each([
    ['127.0.0.1', 'IPv4 loopback'],
    ['10.1.2.3', 'RFC 1918 10/8'],
    ['172.16.0.1', 'RFC 1918 172.16/12'],
    ['172.31.255.255', 'RFC 1918 172.16/12, last address'],
    ['192.168.1.1', 'RFC 1918 192.168/16'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['169.254.169.254', 'IPv4 link-local (cloud metadata)'],
    ['224.0.0.1', 'IPv4 multicast'],
    ['0.0.0.0', 'this network'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fd12:3456::1', 'IPv6 unique local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['not-an-ip', 'not an address at all'],
  ])('denies %s (%s)', (address) => {
    expect(none.isDenied(address)).toBe(true);
  });

  it.each(['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(none.isDenied(address)).toBe(false);
    },
  );

  it('lets the allowlist reopen ranges, and only those', () => {
    const tests = new IpDenyList(['127.0.0.0/8', '::1/128', '10.0.0.5']);
    expect(tests.isDenied('127.0.0.1')).toBe(false);
    expect(tests.isDenied('127.255.0.9')).toBe(false);
    expect(tests.isDenied('::1')).toBe(false);
    expect(tests.isDenied('10.0.0.5')).toBe(false);
    expect(tests.isDenied('10.0.0.6')).toBe(true);
    expect(tests.isDenied('192.168.0.1')).toBe(true);
    expect(tests.isDenied('fe80::1')).toBe(true);
  });
});
