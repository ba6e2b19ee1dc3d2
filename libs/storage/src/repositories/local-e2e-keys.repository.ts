import { Injectable } from '@nestjs/common';
import { JsonObject } from '@switchboard/protocol';
import { Queryable } from '../transactions';
import { CrossSigningKeysRepository, KeySignatureRow } from './cross-signing-keys.repository';
import { DeviceKeysRepository } from './device-keys.repository';

export interface LocalE2eKeys {
  device_keys: Record<string, Record<string, JsonObject>>;
  master_keys: Record<string, JsonObject>;
  self_signing_keys: Record<string, JsonObject>;
  user_signing_keys: Record<string, JsonObject>;
}

/**
 * This server's users' keys as keys/query (and federation's user/keys/query) answer them: each
 * device's keys with the signatures its owner added since and `unsigned.device_display_name`; the
 * cross-signing keys with the signatures the viewer may see ("the signatures uploaded via
 * /keys/signatures/upload that the requesting user is allowed to see": the owner's, and the
 * viewer's own of someone else's master key); the user-signing key only to its owner.
 */
@Injectable()
export class LocalE2eKeysRepository {
  constructor(
    private readonly deviceKeys: DeviceKeysRepository,
    private readonly crossSigning: CrossSigningKeysRepository,
  ) {}

  /** `requests`: user ID to device IDs, none meaning all. `viewer`: null for another server. */
  async query(
    q: Queryable,
    requests: ReadonlyMap<string, readonly string[]>,
    viewer: string | null,
  ): Promise<LocalE2eKeys> {
    const userIds = [...requests.keys()];
    const out: LocalE2eKeys = {
      device_keys: {},
      master_keys: {},
      self_signing_keys: {},
      user_signing_keys: {},
    };
    if (userIds.length === 0) return out;
    const signers = viewer === null ? userIds : [...userIds, viewer];
    const signatures = await this.crossSigning.signaturesOf(q, userIds, signers);
    for (const userId of userIds) out.device_keys[userId] = {};
    for (const row of await this.deviceKeys.forUsers(q, userIds)) {
      const wanted = requests.get(row.userId) ?? [];
      if (wanted.length > 0 && !wanted.includes(row.deviceId)) continue;
      const own = signatures.filter(
        (s) =>
          s.targetUserId === row.userId && s.targetKeyId === row.deviceId && s.signerUserId === row.userId,
      );
      out.device_keys[row.userId][row.deviceId] = {
        ...withSignatures(row.keys, own),
        unsigned: row.displayName === null ? {} : { device_display_name: row.displayName },
      };
    }
    for (const key of await this.crossSigning.forUsers(q, userIds)) {
      if (key.type === 'master') {
        const visible = signatures.filter(
          (s) =>
            s.targetUserId === key.userId &&
            s.targetKeyId === key.publicKey &&
            (s.signerUserId === key.userId || s.signerUserId === viewer),
        );
        out.master_keys[key.userId] = withSignatures(key.key, visible);
      } else if (key.type === 'self_signing') {
        out.self_signing_keys[key.userId] = key.key;
      } else if (key.userId === viewer) {
        out.user_signing_keys[key.userId] = key.key;
      }
    }
    return out;
  }
}

function withSignatures(key: JsonObject, rows: readonly KeySignatureRow[]): JsonObject {
  if (rows.length === 0) return key;
  const signatures: Record<string, Record<string, string>> = {};
  for (const [signer, byKey] of Object.entries(
    (key.signatures ?? {}) as Record<string, Record<string, string>>,
  ))
    signatures[signer] = { ...byKey };
  for (const row of rows) (signatures[row.signerUserId] ??= {})[row.signerKeyId] = row.signature;
  return { ...key, signatures };
}
