import { Controller, Param } from '@nestjs/common';
import { getWhoIs, WhoIsResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { WhoisService } from './whois.service';

@Controller()
export class WhoisController {
  constructor(private readonly whois: WhoisService) {}

  /** GET /_matrix/client/v3/admin/whois/{userId} — client-server-api "Server Administration". */
  @MatrixRoute(getWhoIs)
  getWhoIs(@Requester() requester: Requester, @Param('userId') userId: string): Promise<WhoIsResponse> {
    return this.whois.whois(requester, userId);
  }
}
