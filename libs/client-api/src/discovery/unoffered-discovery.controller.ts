import { Controller } from '@nestjs/common';
import { getAuthMetadata, getWellknownPolicy, MatrixError } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';

/** Discovery of what this server does not offer, answered as the spec says a server without it does. */
@Controller()
export class UnofferedDiscoveryController {
  /** GET /.well-known/matrix/policy_server — "No policy server information available": this server is none. */
  @MatrixRoute(getWellknownPolicy)
  getWellknownPolicy(): never {
    throw new MatrixError('M_NOT_FOUND', 404, 'No policy server information available.');
  }

  /**
   * GET /_matrix/client/v1/auth_metadata — "With M_UNRECOGNIZED: the homeserver does not support
   * the OAuth 2.0 API": clients log in with the legacy API.
   */
  @MatrixRoute(getAuthMetadata)
  getAuthMetadata(): never {
    throw new MatrixError('M_UNRECOGNIZED', 404, 'Legacy authentication is in use on this homeserver.');
  }
}
