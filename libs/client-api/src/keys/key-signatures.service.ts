import { Injectable } from '@nestjs/common';
import {
  canonicalJson,
  MatrixError,
  UploadSignaturesResponse,
  verifyJsonSignature,
} from '@switchboard/protocol';
import {
  CrossSigningKeyRow,
  CrossSigningKeysRepository,
  DeviceKeysRepository,
  KeySignatureRow,
  Queryable,
  Transactions,
} from '@switchboard/storage';
import { isJsonObject, JsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { DeviceListUpdates } from '../device_lists/device-list-updates.service';
import { isSignatures } from './key-shapes';

/**
 * POST /keys/signatures/upload (client-server-api "Cross-signing"): a user signs their own devices
 * with their self-signing key, their own master key with a device, and other users' master keys
 * with their user-signing key. Each signature is checked; one that fails is reported in `failures`
 * and the others are stored.
 */
@Injectable()
export class KeySignaturesService {
  constructor(
    private readonly transactions: Transactions,
    private readonly crossSigning: CrossSigningKeysRepository,
    private readonly deviceKeys: DeviceKeysRepository,
    private readonly deviceLists: DeviceListUpdates,
  ) {}

  async upload(requester: Requester, body: JsonObject): Promise<UploadSignaturesResponse> {
    const q = this.transactions.reader;
    const failures: UploadSignaturesResponse['failures'] = {};
    const accepted: KeySignatureRow[] = [];
    for (const [userId, keys] of Object.entries(body)) {
      if (!isJsonObject(keys)) throw new MatrixError('M_BAD_JSON', 400, `${userId} must map key IDs to keys`);
      const targetKeys = keyTypes(await this.crossSigning.forUsers(q, [userId]));
      const ownKeys =
        userId === requester.userId
          ? targetKeys
          : keyTypes(await this.crossSigning.forUsers(q, [requester.userId]));
      for (const [keyId, signed] of Object.entries(keys)) {
        try {
          if (!isJsonObject(signed) || !isSignatures(signed.signatures))
            throw invalid('The signed key must be an object with signatures');
          accepted.push(
            ...(await this.check(q, requester.userId, userId, keyId, signed, targetKeys, ownKeys)),
          );
        } catch (error) {
          if (!(error instanceof MatrixError)) throw error;
          (failures[userId] ??= {})[keyId] = { errcode: error.errcode, error: error.message };
        }
      }
    }
    if (accepted.length > 0) {
      // Signing one's own keys is news to everyone who shares a room; signing another user's
      // master key only to the signer, who alone sees their user-signing signatures.
      const others = [...new Set(accepted.map((r) => r.targetUserId))].filter((u) => u !== requester.userId);
      const ownKeysSigned = accepted.some((row) => row.targetUserId === requester.userId);
      const position = await this.transactions.run(async (tx) => {
        await this.crossSigning.addSignatures(tx, accepted);
        const own = ownKeysSigned ? await this.deviceLists.record(tx, [requester.userId]) : 0;
        const theirs = others.length > 0 ? await this.deviceLists.recordFor(tx, requester.userId, others) : 0;
        return Math.max(own, theirs);
      });
      await this.deviceLists.publish(position);
      await this.federate(requester.userId, accepted);
    }
    return { failures };
  }

  /** Other servers learn of the user's newly signed devices and master key. */
  private async federate(userId: string, accepted: readonly KeySignatureRow[]): Promise<void> {
    const master = keyTypes(await this.crossSigning.forUsers(this.transactions.reader, [userId])).get(
      'master',
    );
    const own = accepted.filter((row) => row.targetUserId === userId);
    const devices = [
      ...new Set(own.filter((r) => r.targetKeyId !== master?.publicKey).map((r) => r.targetKeyId)),
    ];
    if (devices.length > 0) await this.deviceLists.federate(userId, devices);
    if (own.some((r) => r.targetKeyId === master?.publicKey))
      await this.deviceLists.federateCrossSigning(userId);
  }

  private async check(
    q: Queryable,
    signer: string,
    userId: string,
    keyId: string,
    signed: JsonObject,
    targetKeys: ReadonlyMap<string, CrossSigningKeyRow>,
    ownKeys: ReadonlyMap<string, CrossSigningKeyRow>,
  ): Promise<KeySignatureRow[]> {
    const master = targetKeys.get('master');
    if (userId === signer && master?.publicKey === keyId) {
      // The user's master key, signed by one of their devices.
      sameKey(master.key, signed);
      return this.deviceSignatures(q, signer, keyId, signed);
    }
    if (userId === signer) {
      const device = await this.deviceKeys.get(q, userId, keyId);
      if (device === null) throw new MatrixError('M_NOT_FOUND', 404, `Unknown device ${keyId}`);
      return [
        signatureBy(signer, ownKeys.get('self_signing'), 'self-signing', userId, keyId, device, signed),
      ];
    }
    if (master?.publicKey !== keyId)
      throw new MatrixError('M_NOT_FOUND', 404, `${keyId} is not the master key of ${userId}`);
    return [
      signatureBy(signer, ownKeys.get('user_signing'), 'user-signing', userId, keyId, master.key, signed),
    ];
  }

  /** Signatures of the master key by the signer's devices, checked against their ed25519 keys. */
  private async deviceSignatures(
    q: Queryable,
    signer: string,
    keyId: string,
    signed: JsonObject,
  ): Promise<KeySignatureRow[]> {
    const rows: KeySignatureRow[] = [];
    const bySigner = (signed.signatures as Record<string, Record<string, string>>)[signer] ?? {};
    for (const [signerKeyId, signature] of Object.entries(bySigner)) {
      if (signerKeyId === `ed25519:${keyId}`) continue;
      const deviceId = signerKeyId.startsWith('ed25519:') ? signerKeyId.slice('ed25519:'.length) : '';
      const device = await this.deviceKeys.get(q, signer, deviceId);
      const publicKey = (device?.keys as Record<string, string> | undefined)?.[signerKeyId];
      if (publicKey === undefined || !verifyJsonSignature(signed, signer, signerKeyId, publicKey).ok)
        throw invalid(`Invalid signature by ${signerKeyId}`);
      rows.push({ targetUserId: signer, targetKeyId: keyId, signerUserId: signer, signerKeyId, signature });
    }
    if (rows.length === 0) throw invalid('No signature by a device of the user');
    return rows;
  }
}

/** The signature of `signed` by the signer's cross-signing key `key`, checked. */
function signatureBy(
  signer: string,
  key: CrossSigningKeyRow | undefined,
  name: string,
  targetUserId: string,
  targetKeyId: string,
  stored: JsonObject,
  signed: JsonObject,
): KeySignatureRow {
  if (key === undefined) throw new MatrixError('M_MISSING_PARAM', 400, `No ${name} key is available`);
  sameKey(stored, signed);
  const signerKeyId = `ed25519:${key.publicKey}`;
  const signature = (signed.signatures as Record<string, Record<string, string>>)[signer]?.[signerKeyId];
  if (signature === undefined || !verifyJsonSignature(signed, signer, signerKeyId, key.publicKey).ok)
    throw invalid(`Invalid signature by the ${name} key`);
  return { targetUserId, targetKeyId, signerUserId: signer, signerKeyId, signature };
}

/** "The signed JSON object must match the key previously uploaded ... with the exception of the `signatures` property". */
function sameKey(stored: JsonObject, signed: JsonObject): void {
  if (canonicalJson(unsignedPart(stored)) !== canonicalJson(unsignedPart(signed)))
    throw invalid('The signed object does not match the stored key');
}

function unsignedPart(key: JsonObject): JsonObject {
  const { signatures: _signatures, unsigned: _unsigned, ...rest } = key;
  return rest;
}

function keyTypes(rows: readonly CrossSigningKeyRow[]): Map<string, CrossSigningKeyRow> {
  return new Map(rows.map((row) => [row.type, row]));
}

function invalid(message: string): MatrixError {
  return new MatrixError('M_INVALID_SIGNATURE', 400, message);
}
