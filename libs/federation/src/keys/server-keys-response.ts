import { checkJsonSignedBy, decodeBase64, ServerKeys } from '@switchboard/protocol';
import { ServerKeyRow } from '@switchboard/storage';

/**
 * keys_server.yaml `valid_until_ts`: "Servers MUST use the lesser of this field and 7 days into
 * the future when determining if a key is valid."
 */
export const MAX_KEY_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

const ED25519 = 'ed25519:';

/**
 * Checks a /_matrix/key/v2/server response of `serverName` (fetched directly or relayed by a
 * notary) and turns it into rows to store: it must name the server, be signed by at least one of
 * its own verify_keys and by no key that fails, and carry a valid_until_ts. The stored JSON keeps
 * only the server's own signatures. Returns the reason instead when it is not acceptable.
 */
export function verifyServerKeys(
  body: unknown,
  serverName: string,
  fetchedTs: number,
): ServerKeyRow[] | string {
  if (!isObject(body)) return 'not a JSON object';
  if (body.server_name !== serverName) return `server_name is not ${serverName}`;
  if (!Number.isSafeInteger(body.valid_until_ts)) return 'valid_until_ts is not an integer';
  const verifyKeys = keysOf(body.verify_keys, (entry) => publicKeyOf(entry));
  if (!verifyKeys) return 'verify_keys is not a mapping of {key}';
  const oldKeys =
    body.old_verify_keys === undefined ? new Map<string, OldKey>() : keysOf(body.old_verify_keys, oldKeyOf);
  if (!oldKeys) return 'old_verify_keys is not a mapping of {key, expired_ts}';
  const problem = selfSignatureProblem(body, serverName, verifyKeys);
  if (problem) return problem;

  const signatures = (body.signatures as Record<string, unknown>)[serverName];
  const keyJson = JSON.stringify({ ...body, signatures: { [serverName]: signatures } });
  const validUntilTs = Math.min(body.valid_until_ts as number, fetchedTs + MAX_KEY_VALIDITY_MS);
  const row = (keyId: string, key: string, until: number, expiredTs: number | null): ServerKeyRow => ({
    serverName,
    keyId,
    verifyKey: key,
    validUntilTs: until,
    expiredTs,
    fetchedTs,
    keyJson,
  });
  return [
    ...[...verifyKeys].map(([keyId, key]) => row(keyId, key, validUntilTs, null)),
    ...[...oldKeys]
      .filter(([keyId]) => !verifyKeys.has(keyId))
      .map(([keyId, { key, expiredTs }]) => row(keyId, key, expiredTs, expiredTs)),
  ];
}

/** The parsed response as the protocol types it, once verifyServerKeys accepted it. */
export function storedServerKeys(row: Pick<ServerKeyRow, 'keyJson'>): ServerKeys {
  return JSON.parse(row.keyJson) as ServerKeys;
}

interface OldKey {
  key: string;
  expiredTs: number;
}

/** "Signed using the verify_keys": at least one of them signed, and every one that did holds. */
function selfSignatureProblem(
  body: Record<string, unknown>,
  serverName: string,
  verifyKeys: Map<string, string>,
): string | undefined {
  try {
    const check = checkJsonSignedBy(body, serverName, (_server, keyId) => verifyKeys.get(keyId));
    return check.ok ? undefined : `not self-signed: ${check.message}`;
  } catch (err) {
    return (err as Error).message;
  }
}

/**
 * The ed25519 entries of a verify_keys or old_verify_keys mapping, read by `read` (undefined for
 * a malformed one, which fails the whole response). Keys of other algorithms are ignored, as
 * appendices "Checking for a Signature" drops what it does not understand.
 */
function keysOf<T>(value: unknown, read: (entry: unknown) => T | undefined): Map<string, T> | undefined {
  if (!isObject(value)) return undefined;
  const keys = new Map<string, T>();
  for (const [keyId, entry] of Object.entries(value)) {
    if (!keyId.startsWith(ED25519)) continue;
    const parsed = read(entry);
    if (parsed === undefined) return undefined;
    keys.set(keyId, parsed);
  }
  return keys;
}

function publicKeyOf(entry: unknown): string | undefined {
  return isObject(entry) && typeof entry.key === 'string' && isPublicKey(entry.key) ? entry.key : undefined;
}

function oldKeyOf(entry: unknown): OldKey | undefined {
  const key = publicKeyOf(entry);
  const expiredTs = isObject(entry) ? entry.expired_ts : undefined;
  return key !== undefined && typeof expiredTs === 'number' && Number.isSafeInteger(expiredTs)
    ? { key, expiredTs }
    : undefined;
}

function isPublicKey(key: string): boolean {
  try {
    return decodeBase64(key).length === 32;
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
