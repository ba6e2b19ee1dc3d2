import { createHmac } from 'node:crypto';
import { macMatches, sharedSecretMac } from './shared-secret-mac';

describe("shared-secret registration MAC (Synapse's /_synapse/admin/v1/register)", () => {
  it('is HMAC-SHA1 over nonce\\0username\\0password\\0admin|notadmin', () => {
    // The bytes Synapse's own test (test_register_correct_nonce) feeds the HMAC.
    const want = createHmac('sha1', 'shared')
      .update('abcd\x00bob\x00abc123\x00admin\x00support')
      .digest('hex');
    expect(
      sharedSecretMac('shared', {
        nonce: 'abcd',
        username: 'bob',
        password: 'abc123',
        admin: true,
        userType: 'support',
      }),
    ).toBe(want);
    const notAdmin = createHmac('sha1', 'shared').update('abcd\x00bob1\x00abc123\x00notadmin').digest('hex');
    expect(
      sharedSecretMac('shared', {
        nonce: 'abcd',
        username: 'bob1',
        password: 'abc123',
        admin: false,
        userType: null,
      }),
    ).toBe(notAdmin);
  });

  it('compares MACs without throwing on a different length', () => {
    expect(macMatches('abcd', 'abcd')).toBe(true);
    expect(macMatches('abcd', 'abce')).toBe(false);
    expect(macMatches('abcd', 'abc')).toBe(false);
  });
});
