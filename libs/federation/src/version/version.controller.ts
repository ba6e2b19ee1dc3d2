import { Controller } from '@nestjs/common';
import { FederationVersion, getFederationVersion } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { SWITCHBOARD_VERSION } from '@switchboard/observability';

@Controller()
export class FederationVersionController {
  /** GET /_matrix/federation/v1/version: the implementation's name and version. */
  @MatrixRoute(getFederationVersion)
  version(): FederationVersion {
    return { server: { name: 'Switchboard', version: SWITCHBOARD_VERSION } };
  }
}
