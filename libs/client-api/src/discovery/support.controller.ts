import { Controller, Inject } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { getWellknownSupport, MatrixError, WellknownSupport } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';

@Controller()
export class SupportController {
  constructor(@Inject(CONFIG) private readonly config: SwitchboardConfig) {}

  /**
   * GET /.well-known/matrix/support — client-server-api "Support Discovery API", from the config's
   * `support`: "At least one of `contacts` or `support_page` is required", so with neither there
   * is no support information (404).
   */
  @MatrixRoute(getWellknownSupport)
  getWellknownSupport(): WellknownSupport {
    const { contacts, support_page } = this.config.support;
    if (contacts.length === 0 && support_page === null) {
      throw new MatrixError('M_NOT_FOUND', 404, 'No server support information available.');
    }
    return {
      ...(contacts.length > 0 ? { contacts } : {}),
      ...(support_page !== null ? { support_page } : {}),
    };
  }
}
