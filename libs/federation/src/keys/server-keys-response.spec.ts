import { signingKeyFromSeed, signJson } from '@switchboard/protocol';
import { MAX_KEY_VALIDITY_MS, verifyServerKeys } from './server-keys-response';

const NOW = 1_700_000_000_000;
const key = signingKeyFromSeed(new Uint8Array(32).fill(3), 'ed25519:cur');
const oldKey = signingKeyFromSeed(new Uint8Array(32).fill(4), 'ed25519:old');
const stranger = signingKeyFromSeed(new Uint8Array(32).fill(5), 'ed25519:cur');

function response(over: Record<string, unknown> = {}, signer = key) {
  return signJson(
    {
      server_name: 'remote.example',
      verify_keys: { 'ed25519:cur': { key: key.publicKeyBase64 } },
      old_verify_keys: { 'ed25519:old': { key: oldKey.publicKeyBase64, expired_ts: NOW - 1000 } },
      valid_until_ts: NOW + 60_000,
      ...over,
    },
    'remote.example',
    signer.keyId,
    signer,
  );
}

describe('verifyServerKeys (server-server-api "Retrieving server keys")', () => {
  it('turns a self-signed response into current and old key rows', () => {
    const rows = verifyServerKeys(response(), 'remote.example', NOW);
    expect(rows).toEqual([
      expect.objectContaining({ keyId: 'ed25519:cur', validUntilTs: NOW + 60_000, fetchedTs: NOW }),
      expect.objectContaining({ keyId: 'ed25519:old', validUntilTs: NOW - 1000, expiredTs: NOW - 1000 }),
    ]);
    expect((rows as { expiredTs: number | null }[])[0].expiredTs).toBeNull();
  });

  it('keys_server.yaml: uses "the lesser of this field and 7 days into the future"', () => {
    const rows = verifyServerKeys(
      response({ valid_until_ts: NOW + 365 * 86_400_000 }),
      'remote.example',
      NOW,
    );
    expect((rows as { validUntilTs: number }[])[0].validUntilTs).toBe(NOW + MAX_KEY_VALIDITY_MS);
  });

  it("keeps only the server's own signatures in the stored JSON", () => {
    const countersigned = signJson(response(), 'notary.example', 'ed25519:n', stranger);
    const rows = verifyServerKeys(countersigned, 'remote.example', NOW);
    expect(Object.keys(JSON.parse((rows as { keyJson: string }[])[0].keyJson).signatures)).toEqual([
      'remote.example',
    ]);
  });

  it('ignores keys of algorithms it does not know', () => {
    const rows = verifyServerKeys(
      response({
        verify_keys: { 'ed25519:cur': { key: key.publicKeyBase64 }, 'curve25519:x': { key: 'whatever' } },
      }),
      'remote.example',
      NOW,
    );
    expect((rows as { keyId: string }[]).map((r) => r.keyId)).toEqual(['ed25519:cur', 'ed25519:old']);
  });

  it.each([
    ['not an object', () => 'nope', /object/],
    ['another server name', () => response({ server_name: 'evil.example' }), /server_name/],
    ['no valid_until_ts', () => response({ valid_until_ts: undefined }), /valid_until_ts/],
    [
      'a malformed verify key',
      () => response({ verify_keys: { 'ed25519:cur': { key: 'short' } } }),
      /verify_keys/,
    ],
    [
      'an old key without expired_ts',
      () => response({ old_verify_keys: { 'ed25519:old': { key: oldKey.publicKeyBase64 } } }),
      /old_verify_keys/,
    ],
    ['a signature by a key not in verify_keys', () => response({}, oldKey), /self-signed/],
    ['a bad self-signature', () => response({}, stranger), /self-signed/],
    [
      'a body changed after signing',
      () => ({ ...response(), valid_until_ts: NOW + 10 * 86_400_000 }),
      /self-signed/,
    ],
  ])('refuses %s', (_what, make, reason) => {
    expect(verifyServerKeys(make(), 'remote.example', NOW)).toMatch(reason);
  });
});
