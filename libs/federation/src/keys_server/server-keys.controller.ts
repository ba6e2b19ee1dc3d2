import { Controller, Inject } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { getServerKey, ServerKeys, SigningKey, signJson } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { SIGNING_KEY } from '@switchboard/storage';

/**
 * How long other servers may cache our keys. Synapse publishes a day; a shorter time only makes
 * peers ask more often, a longer one delays a key rotation reaching them.
 */
const KEY_VALIDITY_MS = 24 * 60 * 60 * 1000;

@Controller()
export class ServerKeysController {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    @Inject(SIGNING_KEY) private readonly key: SigningKey,
  ) {}

  /**
   * GET /_matrix/key/v2/server
   * server-server-api "Publishing Keys": the server's verify keys, signed by every one of them.
   */
  @MatrixRoute(getServerKey)
  keys(): ServerKeys {
    const body: ServerKeys = {
      server_name: this.config.server_name,
      verify_keys: { [this.key.keyId]: { key: this.key.publicKeyBase64 } },
      old_verify_keys: {},
      valid_until_ts: Date.now() + KEY_VALIDITY_MS,
    };
    return signJson(body, this.config.server_name, this.key.keyId, this.key);
  }
}
