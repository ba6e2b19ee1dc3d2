import { verify } from 'node:crypto';
import { decodeBase64 } from '../base64/unpadded-base64';
import { MatrixError } from '../errors/matrix-error';
import { canonicalJson, CanonicalJsonOptions } from '../canonical-json/canonical-json';
import { publicKeyFromBase64 } from './ed25519-keys';
import { asObject, Signatures } from './sign-json';

/**
 * Why a signature check failed:
 * - `missing_signature`: no signature from that entity (with that key ID, or with any ed25519 key);
 * - `unknown_key`: signatures exist, but the lookup knows none of their keys (fetch them, retry);
 * - `bad_key`: the verify key is not the unpadded Base64 of 32 bytes;
 * - `bad_signature`: the signature does not decode, or does not match the canonical JSON.
 */
export type SignatureFailure = 'missing_signature' | 'unknown_key' | 'bad_key' | 'bad_signature';

export type SignatureCheck =
  | { readonly ok: true; readonly keyIds: readonly string[] }
  | {
      readonly ok: false;
      readonly reason: SignatureFailure;
      readonly keyIds: readonly string[];
      readonly message: string;
    };

/** The public key (unpadded Base64) of `keyId` of `serverName`, or undefined if not known. */
export type VerifyKeyLookup = (serverName: string, keyId: string) => string | undefined;

const ED25519 = 'ed25519:';
const SIGNATURE_BYTES = 64;

/**
 * Checks one signature: `signatures[serverName][keyId]` against the object without `signatures`
 * and `unsigned`, encoded as canonical JSON (appendices "Checking for a Signature", steps 4-7).
 * Throws MatrixError(M_BAD_JSON) only when the object is not JSON that canonical JSON can encode.
 */
export function verifyJsonSignature(
  object: object,
  serverName: string,
  keyId: string,
  publicKeyBase64: string,
  options: CanonicalJsonOptions = {},
): SignatureCheck {
  return checkJsonSignedBy(
    object,
    serverName,
    (server, id) => (server === serverName && id === keyId ? publicKeyBase64 : undefined),
    { ...options, keyIds: [keyId] },
  );
}

/**
 * appendices "Checking for a Signature": whether `serverName` signed the object, trying every
 * ed25519 key it signed with whose verify key `lookup` knows. Signatures under keys the lookup
 * does not know are skipped (server-server-api: "If a signature is from an unknown or expired key,
 * it is skipped"); at least one must be checked, and every one checked must hold.
 */
export function checkJsonSignedBy(
  object: object,
  serverName: string,
  lookup: VerifyKeyLookup,
  options: CanonicalJsonOptions & { readonly keyIds?: readonly string[] } = {},
): SignatureCheck {
  const { signatures, unsigned: _unsigned, ...signed } = asObject(object) as Record<string, unknown>;
  let message: Buffer | undefined;
  return checkSignaturesOf(signatures, serverName, lookup, options.keyIds, () => {
    message ??= Buffer.from(canonicalJson(signed, options), 'utf8');
    return message;
  });
}

/**
 * The shared core of the checks: `message` is produced lazily so that an object without the
 * wanted signature is never encoded, and events can encode their redacted form once for several
 * servers.
 */
export function checkSignaturesOf(
  signatures: unknown,
  serverName: string,
  lookup: VerifyKeyLookup,
  onlyKeyIds: readonly string[] | undefined,
  message: () => Buffer,
): SignatureCheck {
  if (typeof serverName !== 'string') {
    throw new MatrixError('M_INVALID_PARAM', 400, 'A signature check needs the name of the signing server');
  }
  const entry = isObject(signatures) ? signatures[serverName] : undefined;
  const byKey = isObject(entry) ? (entry as Signatures[string]) : {};
  // Step 2: drop the key IDs whose algorithm we don't understand.
  const keyIds = (onlyKeyIds ?? Object.keys(byKey)).filter(
    (id) =>
      typeof id === 'string' && id.startsWith(ED25519) && Object.prototype.hasOwnProperty.call(byKey, id),
  );
  if (keyIds.length === 0) {
    return failure('missing_signature', [], `No ed25519 signature from ${serverName}`);
  }
  const checked: string[] = [];
  for (const keyId of keyIds) {
    const publicKeyBase64 = lookup(serverName, keyId);
    if (publicKeyBase64 === undefined) continue;
    const publicKey = typeof publicKeyBase64 === 'string' ? publicKeyFromBase64(publicKeyBase64) : undefined;
    if (!publicKey)
      return failure('bad_key', [keyId], `The verify key of ${serverName} ${keyId} is malformed`);
    const signature = decodeSignature(byKey[keyId]);
    if (!signature || !verifySafely(message(), publicKey, signature)) {
      return failure('bad_signature', [keyId], `Invalid signature from ${serverName} with ${keyId}`);
    }
    checked.push(keyId);
  }
  if (checked.length === 0) {
    return failure('unknown_key', keyIds, `No known verify key of ${serverName} for ${keyIds.join(', ')}`);
  }
  return { ok: true, keyIds: checked };
}

function decodeSignature(value: unknown): Buffer | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const bytes = decodeBase64(value);
    return bytes.length === SIGNATURE_BYTES ? bytes : undefined;
  } catch {
    return undefined;
  }
}

function verifySafely(message: Buffer, publicKey: Parameters<typeof verify>[2], signature: Buffer): boolean {
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    // OpenSSL refuses some malformed points outright instead of answering false.
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failure(reason: SignatureFailure, keyIds: readonly string[], message: string): SignatureCheck {
  return { ok: false, reason, keyIds, message };
}
