import { Controller, Inject } from '@nestjs/common';
import { ClientWellKnown, getWellknown } from '@switchboard/protocol';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixRoute } from '@switchboard/http';

@Controller()
export class ClientWellKnownController {
  constructor(@Inject(CONFIG) private readonly config: SwitchboardConfig) {}

  /**
   * GET /.well-known/matrix/client
   * client-server-api "Well-known URIs": where clients find this server's client API.
   */
  @MatrixRoute(getWellknown)
  wellKnown(): ClientWellKnown {
    return { 'm.homeserver': { base_url: this.config.public_baseurl.replace(/\/+$/, '') } };
  }
}
