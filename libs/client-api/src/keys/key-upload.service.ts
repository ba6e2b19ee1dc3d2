import { Injectable } from '@nestjs/common';
import { canonicalJson, MatrixError, UploadKeysResponse } from '@switchboard/protocol';
import {
  CrossSigningKeysRepository,
  DeviceKeysRepository,
  OneTimeKeysRepository,
  Transactions,
  Tx,
} from '@switchboard/storage';
import { JsonObject, objectField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { DeviceListUpdates } from '../device_lists/device-list-updates.service';
import { oneTimeKeyCounts } from '../device_lists/one-time-key-counts';
import { deviceKeysOf, keyMapOf, ParsedKey } from './key-shapes';

/** POST /keys/upload (client-server-api "Uploading keys"): the device's identity, one-time and fallback keys. */
@Injectable()
export class KeyUploadService {
  constructor(
    private readonly transactions: Transactions,
    private readonly deviceKeys: DeviceKeysRepository,
    private readonly oneTimeKeys: OneTimeKeysRepository,
    private readonly crossSigning: CrossSigningKeysRepository,
    private readonly deviceLists: DeviceListUpdates,
  ) {}

  async upload(requester: Requester, body: JsonObject): Promise<UploadKeysResponse> {
    const { userId, deviceId } = requester;
    const rawDeviceKeys = objectField(body, 'device_keys');
    const deviceKeys =
      rawDeviceKeys === undefined ? undefined : deviceKeysOf(rawDeviceKeys, userId, deviceId);
    const oneTimeKeys = keyMapOf(body.one_time_keys, 'one_time_keys');
    const fallbackKeys = keyMapOf(body.fallback_keys, 'fallback_keys');
    if (new Set(fallbackKeys.map((k) => k.algorithm)).size !== fallbackKeys.length) {
      // "There can only be at most one key per algorithm uploaded".
      throw new MatrixError('M_INVALID_PARAM', 400, 'At most one fallback key per algorithm');
    }
    const { counts, position } = await this.transactions.run(async (tx) => {
      const changedAt =
        deviceKeys === undefined ? null : await this.storeDeviceKeys(tx, requester, deviceKeys);
      await this.storeOneTimeKeys(tx, requester, oneTimeKeys);
      for (const key of fallbackKeys) await this.oneTimeKeys.setFallback(tx, userId, deviceId, key);
      return { counts: await this.oneTimeKeys.counts(tx, userId, deviceId), position: changedAt };
    });
    if (position !== null) {
      await this.deviceLists.publish(position);
      await this.deviceLists.federate(userId, [deviceId]);
    }
    return { one_time_key_counts: oneTimeKeyCounts(counts) };
  }

  /**
   * The same keys again change nothing. Other keys replace the device's, as Synapse does (a client
   * that lost its store re-creates its identity under the same device ID): their signatures go,
   * and everyone sharing a room learns that the device changed. Returns the device-list position
   * when the keys changed.
   */
  private async storeDeviceKeys(tx: Tx, requester: Requester, keys: JsonObject): Promise<number | null> {
    const { userId, deviceId } = requester;
    const stored = await this.deviceKeys.get(tx, userId, deviceId);
    if (stored !== null && canonicalJson(withoutUnsigned(stored)) === canonicalJson(withoutUnsigned(keys)))
      return null;
    if (!(await this.deviceKeys.store(tx, userId, deviceId, keys)))
      throw new MatrixError('M_UNKNOWN_TOKEN', 401, 'The device of this access token was deleted', {
        soft_logout: false,
      });
    await this.crossSigning.deleteSignaturesOf(tx, userId, deviceId);
    return this.deviceLists.record(tx, [userId]);
  }

  /** A key ID may be uploaded again with the same key; with another key it is refused. */
  private async storeOneTimeKeys(tx: Tx, requester: Requester, keys: readonly ParsedKey[]): Promise<void> {
    const { userId, deviceId } = requester;
    const existing = await this.oneTimeKeys.existing(tx, userId, deviceId, keys);
    const stored = new Map(existing.map((k) => [`${k.algorithm}:${k.keyId}`, canonicalJson(k.key)]));
    for (const key of keys) {
      const same = stored.get(`${key.algorithm}:${key.keyId}`);
      if (same !== undefined && same !== canonicalJson(key.key))
        throw new MatrixError(
          'M_INVALID_PARAM',
          400,
          `One time key ${key.algorithm}:${key.keyId} already exists with other content`,
        );
    }
    await this.oneTimeKeys.insert(
      tx,
      userId,
      deviceId,
      keys.filter((k) => !stored.has(`${k.algorithm}:${k.keyId}`)),
    );
  }
}

function withoutUnsigned(keys: JsonObject): JsonObject {
  const { unsigned: _unsigned, ...rest } = keys;
  return rest;
}
