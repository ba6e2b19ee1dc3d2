import { CrossSigningKeyType, MatrixError } from '@switchboard/protocol';
import { isJsonObject, JsonObject } from '../accounts/request-body';

/**
 * Shape checks of uploaded keys. Signatures are checked for shape only where the spec gives the
 * server nothing to check them against (device keys sign themselves with keys the server does not
 * interpret). A malformed key is M_BAD_JSON: "valid JSON, but it was malformed in some way".
 */

/** definitions/device_keys.yaml, of the requester's own device. */
export function deviceKeysOf(value: unknown, userId: string, deviceId: string): JsonObject {
  if (!isJsonObject(value)) throw badJson('device_keys must be an object');
  if (typeof value.user_id !== 'string' || typeof value.device_id !== 'string')
    throw badJson('device_keys needs user_id and device_id');
  if (value.user_id !== userId)
    throw new MatrixError('M_INVALID_PARAM', 400, 'device_keys.user_id must be your own user ID');
  if (value.device_id !== deviceId)
    throw new MatrixError(
      'M_INVALID_PARAM',
      400,
      'device_keys.device_id must be the device of the access token',
    );
  if (!Array.isArray(value.algorithms) || !value.algorithms.every((a) => typeof a === 'string'))
    throw badJson('device_keys.algorithms must be an array of strings');
  if (!isStringMap(value.keys)) throw badJson('device_keys.keys must map key IDs to strings');
  if (!isSignatures(value.signatures))
    throw badJson('device_keys.signatures must map user IDs to key IDs to strings');
  return value;
}

export interface ParsedKey {
  algorithm: string;
  keyId: string;
  key: string | JsonObject;
}

/** definitions/one_time_keys.yaml: `<algorithm>:<key_id>` to a string or a signed key object. */
export function keyMapOf(value: unknown, field: string): ParsedKey[] {
  if (value === undefined || value === null) return [];
  if (!isJsonObject(value)) throw badJson(`${field} must be an object`);
  return Object.entries(value).map(([name, key]) => {
    const colon = name.indexOf(':');
    if (colon <= 0 || colon === name.length - 1)
      throw badJson(`${field} key names must be <algorithm>:<key_id>, not ${JSON.stringify(name)}`);
    const isKeyObject =
      isJsonObject(key) &&
      typeof key.key === 'string' &&
      (key.signatures === undefined || isSignatures(key.signatures));
    if (typeof key !== 'string' && !isKeyObject)
      throw badJson(`${field}.${name} must be a key string or a key object with key and signatures`);
    return { algorithm: name.slice(0, colon), keyId: name.slice(colon + 1), key };
  });
}

/**
 * definitions/cross_signing_key.yaml: the user's own key of one usage, whose `keys` has "exactly
 * one property, whose name is in the form `<algorithm>:<unpadded_base64_public_key>`".
 */
export function crossSigningKeyOf(
  value: unknown,
  field: string,
  userId: string,
  usage: CrossSigningKeyType,
): { key: JsonObject; publicKey: string } {
  if (!isJsonObject(value)) throw badJson(`${field} must be an object`);
  if (value.user_id !== userId) throw badJson(`${field}.user_id must be your own user ID`);
  if (!Array.isArray(value.usage) || !value.usage.includes(usage))
    throw badJson(`${field}.usage must include ${usage}`);
  if (!isStringMap(value.keys) || Object.keys(value.keys).length !== 1)
    throw badJson(`${field}.keys must have exactly one key`);
  if (value.signatures !== undefined && !isSignatures(value.signatures))
    throw badJson(`${field}.signatures must map user IDs to key IDs to strings`);
  const [[keyId, publicKey]] = Object.entries(value.keys);
  if (keyId !== `ed25519:${publicKey}`)
    throw badJson(`${field}.keys must be ed25519:<public key> to the public key`);
  return { key: value, publicKey };
}

export function isSignatures(value: unknown): value is Record<string, Record<string, string>> {
  return isJsonObject(value) && Object.values(value).every(isStringMap);
}

function isStringMap(value: unknown): value is Record<string, string> {
  return isJsonObject(value) && Object.values(value).every((v) => typeof v === 'string');
}

function badJson(message: string): MatrixError {
  return new MatrixError('M_BAD_JSON', 400, message);
}
