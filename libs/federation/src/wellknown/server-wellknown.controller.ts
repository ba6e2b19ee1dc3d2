import { Controller, Inject } from '@nestjs/common';
import { getServerWellKnown, ServerWellKnown } from '@switchboard/protocol';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixRoute } from '@switchboard/http';

@Controller()
export class ServerWellKnownController {
  constructor(@Inject(CONFIG) private readonly config: SwitchboardConfig) {}

  /**
   * GET /.well-known/matrix/server
   * server-server-api "Server discovery": delegates federation to the host and port of
   * public_baseurl, the way a reverse proxy in front of this server is usually set up.
   */
  @MatrixRoute(getServerWellKnown)
  wellKnown(): ServerWellKnown {
    const url = new URL(this.config.public_baseurl);
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    return { 'm.server': `${url.hostname}:${port}` };
  }
}
