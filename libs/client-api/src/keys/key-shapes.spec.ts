import { MatrixError } from '@switchboard/protocol';
import { crossSigningKeyOf, deviceKeysOf, keyMapOf } from './key-shapes';

const USER = '@alice:test.local';

function errcodeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof MatrixError ? `${error.status} ${error.errcode}` : 'not a MatrixError';
  }
}

describe('key shapes (client-server-api "End-to-End Encryption" definitions)', () => {
  const device = {
    user_id: USER,
    device_id: 'DEV',
    algorithms: ['m.olm.v1.curve25519-aes-sha2'],
    keys: { 'ed25519:DEV': 'key' },
    signatures: { [USER]: { 'ed25519:DEV': 'sig' } },
  };

  it("definitions/device_keys.yaml: the required fields, of the requester's own device", () => {
    expect(deviceKeysOf(device, USER, 'DEV')).toBe(device);
    expect(errcodeOf(() => deviceKeysOf({ user_id: USER, device_id: 'DEV' }, USER, 'DEV'))).toBe(
      '400 M_BAD_JSON',
    );
    expect(errcodeOf(() => deviceKeysOf({ ...device, signatures: { [USER]: 'x' } }, USER, 'DEV'))).toBe(
      '400 M_BAD_JSON',
    );
    expect(errcodeOf(() => deviceKeysOf(device, '@bob:test.local', 'DEV'))).toBe('400 M_INVALID_PARAM');
    expect(errcodeOf(() => deviceKeysOf(device, USER, 'OTHER'))).toBe('400 M_INVALID_PARAM');
  });

  it('definitions/one_time_keys.yaml: <algorithm>:<key_id> to a string or a key object', () => {
    expect(keyMapOf({ 'alg:id': 'k', 'signed:x:y': { key: 'k2', signatures: {} } }, 'one_time_keys')).toEqual(
      [
        { algorithm: 'alg', keyId: 'id', key: 'k' },
        { algorithm: 'signed', keyId: 'x:y', key: { key: 'k2', signatures: {} } },
      ],
    );
    expect(keyMapOf(undefined, 'one_time_keys')).toEqual([]);
    for (const bad of [
      { nocolon: 'k' },
      { ':id': 'k' },
      { 'alg:': 'k' },
      { 'alg:id': 1 },
      { 'alg:id': { signatures: {} } },
    ])
      expect(errcodeOf(() => keyMapOf(bad, 'one_time_keys'))).toBe('400 M_BAD_JSON');
  });

  it('definitions/cross_signing_key.yaml: one ed25519 key named after itself, of the given usage', () => {
    const master = { user_id: USER, usage: ['master'], keys: { 'ed25519:pub': 'pub' } };
    expect(crossSigningKeyOf(master, 'master_key', USER, 'master')).toEqual({
      key: master,
      publicKey: 'pub',
    });
    expect(errcodeOf(() => crossSigningKeyOf(master, 'self_signing_key', USER, 'self_signing'))).toBe(
      '400 M_BAD_JSON',
    );
    expect(
      errcodeOf(() =>
        crossSigningKeyOf({ ...master, keys: { 'ed25519:a': 'b' } }, 'master_key', USER, 'master'),
      ),
    ).toBe('400 M_BAD_JSON');
    expect(
      errcodeOf(() =>
        crossSigningKeyOf(
          { ...master, keys: { 'ed25519:a': 'a', 'ed25519:b': 'b' } },
          'master_key',
          USER,
          'master',
        ),
      ),
    ).toBe('400 M_BAD_JSON');
  });
});
