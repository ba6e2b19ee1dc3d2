import { Injectable } from '@nestjs/common';
import { CrossSigningKeyType, JsonObject } from '@switchboard/protocol';
import { Queryable, Tx } from '../transactions';

export interface CrossSigningKeyRow {
  userId: string;
  type: CrossSigningKeyType;
  /** The unpadded base64 public key: the key's ID in keys/signatures/upload. */
  publicKey: string;
  /** As uploaded through keys/device_signing/upload. */
  key: JsonObject;
}

export interface KeySignatureRow {
  targetUserId: string;
  /** A device ID, or the public key of a cross-signing key. */
  targetKeyId: string;
  signerUserId: string;
  /** `ed25519:<device ID or public key>`. */
  signerKeyId: string;
  signature: string;
}

/**
 * Cross-signing keys (client-server-api "Cross-signing") and the signatures uploaded through
 * keys/signatures/upload, kept apart from the keys they sign.
 */
@Injectable()
export class CrossSigningKeysRepository {
  async forUsers(q: Queryable, userIds: readonly string[]): Promise<CrossSigningKeyRow[]> {
    if (userIds.length === 0) return [];
    const rows = await q.query(
      `SELECT user_id, key_type, public_key, key_json FROM e2e_cross_signing_keys WHERE user_id = ANY($1::text[])`,
      [userIds],
    );
    return rows.map((r: Record<string, unknown>) => ({
      userId: r.user_id as string,
      type: r.key_type as CrossSigningKeyType,
      publicKey: r.public_key as string,
      key: r.key_json as JsonObject,
    }));
  }

  async set(
    tx: Tx,
    userId: string,
    type: CrossSigningKeyType,
    publicKey: string,
    key: object,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO e2e_cross_signing_keys (user_id, key_type, public_key, key_json) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, key_type) DO UPDATE SET public_key = $3, key_json = $4`,
      [userId, type, publicKey, key],
    );
  }

  async addSignatures(tx: Tx, rows: readonly KeySignatureRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO e2e_key_signatures (target_user_id, target_key_id, signer_user_id, signer_key_id, signature)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (target_user_id, target_key_id, signer_user_id, signer_key_id)
         DO UPDATE SET signature = excluded.signature`,
      [
        rows.map((r) => r.targetUserId),
        rows.map((r) => r.targetKeyId),
        rows.map((r) => r.signerUserId),
        rows.map((r) => r.signerKeyId),
        rows.map((r) => r.signature),
      ],
    );
  }

  /** Forgets the signatures of a device's keys: new keys under the same device ID are not what was signed. */
  async deleteSignaturesOf(tx: Tx, userId: string, keyId: string): Promise<void> {
    await tx.query(`DELETE FROM e2e_key_signatures WHERE target_user_id = $1 AND target_key_id = $2`, [
      userId,
      keyId,
    ]);
  }

  /** The signatures of the users' keys that `signers` made. */
  async signaturesOf(
    q: Queryable,
    targetUserIds: readonly string[],
    signers: readonly string[],
  ): Promise<KeySignatureRow[]> {
    if (targetUserIds.length === 0) return [];
    const rows = await q.query(
      `SELECT * FROM e2e_key_signatures WHERE target_user_id = ANY($1::text[]) AND signer_user_id = ANY($2::text[])`,
      [targetUserIds, signers],
    );
    return rows.map((r: Record<string, unknown>) => ({
      targetUserId: r.target_user_id as string,
      targetKeyId: r.target_key_id as string,
      signerUserId: r.signer_user_id as string,
      signerKeyId: r.signer_key_id as string,
      signature: r.signature as string,
    }));
  }
}
