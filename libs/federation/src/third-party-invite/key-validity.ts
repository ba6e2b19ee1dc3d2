import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { rootCertificates } from 'node:tls';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, MatrixError, verifyJsonSignature } from '@switchboard/protocol';

const TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 64 * 1024;

/** A key the identity server gave when it stored the invite, with where to ask whether it still holds. */
interface InviteKey {
  publicKey: string;
  validityUrl?: string;
}

/**
 * Before this server vouches for a third-party invite, it makes sure the identity server's key
 * that signed it is one of the m.room.third_party_invite's keys and was not revoked since
 * (identity-service-api "Key management": GET key_validity_url?public_key= answers
 * `{valid}`), as Synapse does: a key the identity server no longer vouches for, or cannot be
 * asked about, redeems no invite.
 */
@Injectable()
export class InviteKeyValidity {
  private ca: string[] | undefined;

  constructor(@Inject(CONFIG) private readonly config: SwitchboardConfig) {}

  async check(signed: JsonObject, inviteContent: JsonObject): Promise<void> {
    let lastError = new MatrixError('M_FORBIDDEN', 403, 'No key of the third-party invite signed it');
    for (const key of inviteKeys(inviteContent)) {
      if (!signedWith(signed, key.publicKey)) continue;
      if (key.validityUrl === undefined) return;
      try {
        await this.ensureValid(key);
        return;
      } catch (err) {
        if (!(err instanceof MatrixError)) throw err;
        lastError = err;
      }
    }
    throw lastError;
  }

  private async ensureValid(key: InviteKey): Promise<void> {
    const url = new URL(key.validityUrl!);
    url.searchParams.set('public_key', key.publicKey);
    let answer: unknown;
    try {
      answer = JSON.parse(await this.fetch(url));
    } catch {
      throw new MatrixError('M_UNKNOWN', 502, 'Third party certificate could not be checked');
    }
    if (typeof answer !== 'object' || answer === null || (answer as JsonObject).valid !== true) {
      throw new MatrixError('M_FORBIDDEN', 403, 'Third party certificate was invalid');
    }
  }

  private fetch(url: URL): Promise<string> {
    if (url.protocol !== 'https:') return Promise.reject(new Error('key_validity_url must be https'));
    return new Promise((resolve, reject) => {
      const req = get(
        url,
        {
          timeout: TIMEOUT_MS,
          ca: this.trusted(),
          rejectUnauthorized: this.config.identity_servers.verify_certificates,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) req.destroy(new Error('key validity answer too large'));
            else chunks.push(chunk);
          });
          res.on('end', () =>
            res.statusCode === 200
              ? resolve(Buffer.concat(chunks).toString('utf8'))
              : reject(new Error(`key validity answered ${res.statusCode}`)),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('key validity request timed out')));
      req.on('error', reject);
    });
  }

  private trusted(): string[] {
    this.ca ??= [
      ...rootCertificates,
      ...this.config.federation.trusted_ca_files.map((file) => readFileSync(file, 'utf8')),
    ];
    return this.ca;
  }
}

/** "A single public key in the public_key property. A list of public keys in the public_keys property." */
function inviteKeys(content: JsonObject): InviteKey[] {
  const keys: InviteKey[] = [];
  if (typeof content.public_key === 'string') {
    keys.push({
      publicKey: content.public_key,
      ...(typeof content.key_validity_url === 'string' ? { validityUrl: content.key_validity_url } : {}),
    });
  }
  if (Array.isArray(content.public_keys)) {
    for (const entry of content.public_keys) {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) continue;
      const { public_key: publicKey, key_validity_url: validityUrl } = entry as JsonObject;
      if (typeof publicKey !== 'string') continue;
      keys.push({ publicKey, ...(typeof validityUrl === 'string' ? { validityUrl } : {}) });
    }
  }
  return keys;
}

/** Whether an ed25519 signature in `signed` verifies under `publicKey`. */
function signedWith(signed: JsonObject, publicKey: string): boolean {
  const signatures = signed.signatures;
  if (typeof signatures !== 'object' || signatures === null || Array.isArray(signatures)) return false;
  for (const [server, byKey] of Object.entries(signatures as JsonObject)) {
    if (typeof byKey !== 'object' || byKey === null || Array.isArray(byKey)) continue;
    for (const keyId of Object.keys(byKey)) {
      if (!keyId.startsWith('ed25519:')) continue;
      try {
        if (verifyJsonSignature(signed, server, keyId, publicKey).ok) return true;
      } catch {
        // JSON that canonical JSON cannot encode carries no valid signature.
      }
    }
  }
  return false;
}
