import { sign } from 'node:crypto';
import { encodeBase64 } from '../base64/unpadded-base64';
import { canonicalJson, CanonicalJsonOptions } from '../canonical-json/canonical-json';
import { MatrixError } from '../errors/matrix-error';
import { assertKeyId, privateKeyFromSeed, SigningKey } from './ed25519-keys';

export type Signatures = Record<string, Record<string, string>>;

/**
 * Signs a JSON object (appendices "Signing Details"): the object without `signatures` and
 * `unsigned` is encoded as canonical JSON and signed with ed25519; the unpadded Base64 signature
 * goes under `signatures[serverName][keyId]`, next to any signatures already there, and `unsigned`
 * comes back untouched. Returns a new object; the input is not modified.
 *
 * `key` is the 32-byte seed or a SigningKey; the node:crypto key object is cached per seed.
 * Throws MatrixError: M_BAD_JSON for something canonical JSON cannot encode or a malformed
 * `signatures`, M_INVALID_PARAM for a bad seed or key ID.
 */
export function signJson<T extends object>(
  object: T,
  serverName: string,
  keyId: string,
  key: Uint8Array | SigningKey,
  options: CanonicalJsonOptions = {},
): T & { signatures: Signatures } {
  assertKeyId(keyId);
  if (typeof serverName !== 'string' || serverName === '') {
    throw new MatrixError('M_INVALID_PARAM', 400, 'Signing needs the name of the signing server');
  }
  const { signatures, unsigned: _unsigned, ...signed } = asObject(object) as Record<string, unknown>;
  const existing = signaturesOf(signatures);
  const message = Buffer.from(canonicalJson(signed, options), 'utf8');
  const privateKey = key instanceof Uint8Array ? privateKeyFromSeed(key) : key.privateKey;
  const signature = encodeBase64(sign(null, message, privateKey));
  return {
    ...object,
    signatures: { ...existing, [serverName]: { ...existing[serverName], [keyId]: signature } },
  };
}

export function asObject(value: unknown): object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MatrixError('M_BAD_JSON', 400, 'Only a JSON object can be signed or verified');
  }
  return value;
}

/** `signatures` as the spec shapes it: server name to key ID to Base64 signature. */
export function signaturesOf(value: unknown): Signatures {
  if (value === undefined) return {};
  if (!isStringMapOfStringMaps(value)) {
    throw new MatrixError(
      'M_BAD_JSON',
      400,
      '"signatures" must map server names to objects of key ID to signature',
    );
  }
  return value;
}

function isStringMapOfStringMaps(value: unknown): value is Signatures {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const entry of Object.values(value)) {
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return false;
    for (const signature of Object.values(entry)) if (typeof signature !== 'string') return false;
  }
  return true;
}
