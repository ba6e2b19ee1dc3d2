import { isIpv6Address, isValidServerName, parseServerName } from './index';

describe('parseServerName (appendices "Server Name")', () => {
  it.each([
    ['matrix.org', { host: 'matrix.org', hostKind: 'dns' }],
    ['matrix.org:8888', { host: 'matrix.org', hostKind: 'dns', port: 8888 }],
    ['1.2.3.4', { host: '1.2.3.4', hostKind: 'ipv4' }],
    ['1.2.3.4:1234', { host: '1.2.3.4', hostKind: 'ipv4', port: 1234 }],
    ['[1234:5678::abcd]', { host: '[1234:5678::abcd]', hostKind: 'ipv6' }],
    ['[1234:5678::abcd]:5678', { host: '[1234:5678::abcd]', hostKind: 'ipv6', port: 5678 }],
  ])('appendices "Server Name" example: %s', (serverName, parts) => {
    expect(parseServerName(serverName)).toEqual({ serverName, ...parts });
  });

  it.each([
    'localhost',
    'MATRIX.ORG',
    'a-b.example',
    'a',
    'x'.repeat(255),
    '123.example',
    '1.2.3',
    '[::1]',
    '[::]',
    '[::ffff:1.2.3.4]',
    '[1:2:3:4:5:6:7:8]',
    '[1:2:3:4:5:6:1.2.3.4]',
    '[ABCD::1]:0',
    'example.org:65535',
    'example.org:00080',
  ])('appendices "Server Name" grammar: accepts %s', (serverName) => {
    expect(isValidServerName(serverName)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['an empty hostname before a port', ':8080'],
    ['an underscore', 'my_server.org'],
    ['a space', 'matrix .org'],
    ['non-ASCII', 'mätrix.org'],
    ['a DNS name over 255 characters', 'x'.repeat(256)],
    ['an empty port', 'matrix.org:'],
    ['a six-digit port', 'matrix.org:123456'],
    ['a port above 65535', 'matrix.org:65536'],
    ['a non-numeric port', 'matrix.org:http'],
    ['two colons', 'matrix.org:80:80'],
    ['an IPv4 octet above 255', '1.2.3.256'],
    ['an unbracketed IPv6 literal', '1234:5678::abcd'],
    ['an unterminated IPv6 literal', '[::1'],
    ['text after an IPv6 literal', '[::1]x'],
    ['a zone ID', '[fe80::1%eth0]'],
    ['two "::" in an IPv6 literal', '[1::2::3]'],
    ['":::"', '[:::]'],
    ['nine IPv6 groups', '[1:2:3:4:5:6:7:8:9]'],
    ['seven IPv6 groups without "::"', '[1:2:3:4:5:6:7]'],
    ['a five-digit IPv6 group', '[12345::]'],
    ['a bad IPv4 tail', '[::1.2.3.999]'],
    ['an IPv6 literal that is too short', '[:]'],
  ])('appendices "Server Name": rejects %s with M_INVALID_PARAM', (_what, serverName) => {
    expect(isValidServerName(serverName)).toBe(false);
    expect(() => parseServerName(serverName)).toThrow(
      expect.objectContaining({ errcode: 'M_INVALID_PARAM', status: 400 }),
    );
  });

  it('appendices "Server Name": names are case-sensitive and kept as written', () => {
    expect(parseServerName('MATRIX.ORG').serverName).toBe('MATRIX.ORG');
  });

  describe('strict: the appendix recommendations, for names this server mints', () => {
    it.each(['matrix.org', 'a-1.example.com:8448', '1.2.3.4', '[::1]'])('accepts %s', (serverName) => {
      expect(isValidServerName(serverName, { strict: true })).toBe(true);
    });

    it.each([
      ['upper case ("Server names should not use upper-case characters")', 'Matrix.org'],
      [
        'more than 230 characters ("should not exceed 230 characters")',
        `${'a'.repeat(63)}.`.repeat(3) + 'a'.repeat(40),
      ],
      ['an empty label', 'matrix..org'],
      ['a label starting with a hyphen', '-matrix.org'],
      ['a label longer than 63 characters', `${'a'.repeat(64)}.org`],
    ])('rejects %s', (_what, serverName) => {
      expect(isValidServerName(serverName, { strict: true })).toBe(false);
      expect(isValidServerName(serverName)).toBe(true);
    });
  });

  it('RFC 3513 section 2.2 forms of IPv6 literal', () => {
    expect(isIpv6Address('FEDC:BA98:7654:3210:FEDC:BA98:7654:3210')).toBe(true);
    expect(isIpv6Address('1080::8:800:200C:417A')).toBe(true);
    expect(isIpv6Address('FF01::101')).toBe(true);
    expect(isIpv6Address('::13.1.68.3')).toBe(true);
    expect(isIpv6Address('::FFFF:129.144.52.38')).toBe(true);
    expect(isIpv6Address('1:2:3:4:5:6:7::')).toBe(true);
    expect(isIpv6Address('1:2:3:4:5:6:7:8::')).toBe(false);
  });
});
