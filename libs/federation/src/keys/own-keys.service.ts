import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { ServerKeys, SigningKey, signJson } from '@switchboard/protocol';
import { SIGNING_KEY } from '@switchboard/storage';

/**
 * How long other servers may cache our keys. Synapse publishes a day; a shorter time only makes
 * peers ask more often, a longer one delays a key rotation reaching them.
 */
const KEY_VALIDITY_MS = 24 * 60 * 60 * 1000;

/** This server's own signing key as other servers see it: always known, never fetched. */
@Injectable()
export class OwnKeysService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
  ) {}

  get serverName(): string {
    return this.config.server_name;
  }

  /** The verify key of `keyId` if it is ours. */
  verifyKey(keyId: string): string | undefined {
    return keyId === this.key.keyId ? this.key.publicKeyBase64 : undefined;
  }

  /** server-server-api "Publishing Keys": our verify keys, signed by every one of them. */
  keys(): ServerKeys {
    return this.sign({
      server_name: this.config.server_name,
      verify_keys: { [this.key.keyId]: { key: this.key.publicKeyBase64 } },
      old_verify_keys: {},
      valid_until_ts: Date.now() + KEY_VALIDITY_MS,
    });
  }

  /** Adds our signature beside those already there (a notary's countersignature). */
  sign<T extends object>(object: T): T & { signatures: Record<string, Record<string, string>> } {
    return signJson(object, this.config.server_name, this.key.keyId, this.key);
  }
}
