import { Controller } from '@nestjs/common';
import { getServerKey, getServerKeyById, ServerKeys } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { OwnKeysService } from '../keys/own-keys.service';

@Controller()
export class ServerKeysController {
  constructor(private readonly ownKeys: OwnKeysService) {}

  /**
   * GET /_matrix/key/v2/server
   * server-server-api "Publishing Keys": the server's verify keys, signed by every one of them.
   */
  @MatrixRoute(getServerKey)
  keys(): ServerKeys {
    return this.ownKeys.keys();
  }

  /** GET /_matrix/key/v2/server/{keyId}: the same answer, whatever the key ID (Synapse's too). */
  @MatrixRoute(getServerKeyById)
  keysById(): ServerKeys {
    return this.ownKeys.keys();
  }
}
