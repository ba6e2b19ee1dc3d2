import { Injectable } from '@nestjs/common';
import {
  canonicalJson,
  CrossSigningKeyType,
  LOGIN_PASSWORD,
  MatrixError,
  uploadCrossSigningKeys,
  verifyJsonSignature,
} from '@switchboard/protocol';
import { CrossSigningKeysRepository, DevicesRepository, Transactions } from '@switchboard/storage';
import { JsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { DeviceListUpdates } from '../device_lists/device-list-updates.service';
import { UserInteractiveAuthService } from '../uia/user-interactive-auth.service';
import { crossSigningKeyOf } from './key-shapes';

const FIELDS: readonly [string, CrossSigningKeyType][] = [
  ['master_key', 'master'],
  ['self_signing_key', 'self_signing'],
  ['user_signing_key', 'user_signing'],
];

interface GivenKey {
  type: CrossSigningKeyType;
  key: JsonObject;
  publicKey: string;
}

/** POST /keys/device_signing/upload (client-server-api "Cross-signing"). */
@Injectable()
export class CrossSigningService {
  constructor(
    private readonly transactions: Transactions,
    private readonly crossSigning: CrossSigningKeysRepository,
    private readonly devices: DevicesRepository,
    private readonly uia: UserInteractiveAuthService,
    private readonly deviceLists: DeviceListUpdates,
  ) {}

  async upload(requester: Requester, body: JsonObject): Promise<void> {
    const userId = requester.userId;
    const given: GivenKey[] = FIELDS.filter(
      ([field]) => body[field] !== undefined && body[field] !== null,
    ).map(([field, type]) => ({ type, ...crossSigningKeyOf(body[field], field, userId, type) }));
    const stored = new Map(
      (await this.crossSigning.forUsers(this.transactions.reader, [userId])).map((k) => [k.type, k]),
    );
    await this.check(userId, given, stored.get('master')?.publicKey);
    const changed = given.filter((k) => {
      const before = stored.get(k.type);
      return before === undefined || canonicalJson(before.key) !== canonicalJson(k.key);
    });
    // "User-Interactive Authentication MUST be performed ... except [when] there is no existing
    // master signing key ... OR ... the request contains no new keys."
    const outcome =
      stored.has('master') && changed.length > 0
        ? await this.uia.authenticate(body.auth, {
            operation: `${uploadCrossSigningKeys.method} ${uploadCrossSigningKeys.path}`,
            subject: changed.map((k) => k.publicKey),
            userId,
            flows: [[LOGIN_PASSWORD]],
          })
        : null;
    if (changed.length === 0) return;
    // "the user-signing key ... is only visible to the user": so is its change.
    const privateOnly = changed.every((k) => k.type === 'user_signing');
    const position = await this.transactions.run(async (tx) => {
      for (const k of changed) await this.crossSigning.set(tx, userId, k.type, k.publicKey, k.key);
      if (outcome) await this.uia.finish(tx, outcome);
      return privateOnly
        ? this.deviceLists.recordFor(tx, userId, [userId])
        : this.deviceLists.record(tx, [userId]);
    });
    await this.deviceLists.publish(position);
    if (!privateOnly) await this.deviceLists.federateCrossSigning(userId);
  }

  /**
   * The self-signing and user-signing keys "Must be signed by the accompanying master signing key,
   * or by the user's most recently uploaded master signing key"; 403 when "The public key of one
   * of the keys is the same as one of the user's device IDs".
   */
  private async check(
    userId: string,
    given: readonly GivenKey[],
    storedMaster: string | undefined,
  ): Promise<void> {
    const master = given.find((k) => k.type === 'master')?.publicKey ?? storedMaster;
    for (const k of given) {
      if (k.type === 'master') continue;
      if (master === undefined)
        throw new MatrixError('M_MISSING_PARAM', 400, 'No master signing key is available');
      if (!verifyJsonSignature(k.key, userId, `ed25519:${master}`, master).ok)
        throw new MatrixError(
          'M_INVALID_SIGNATURE',
          400,
          `The ${k.type} key is not signed by the master key`,
        );
    }
    const deviceIds = new Set(
      (await this.devices.list(this.transactions.reader, userId)).map((d) => d.deviceId),
    );
    if (given.some((k) => deviceIds.has(k.publicKey)))
      throw new MatrixError('M_FORBIDDEN', 403, 'Key ID in use');
  }
}
