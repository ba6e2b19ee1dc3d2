import { Body, Controller, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppservicePinger } from '@switchboard/appservice';
import { AppservicePingResponse, pingAppservice } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { AppserviceCallerService } from '../auth/appservice-caller.service';

@Controller()
export class AppservicePingController {
  constructor(
    private readonly callers: AppserviceCallerService,
    private readonly pinger: AppservicePinger,
  ) {}

  /**
   * POST /_matrix/client/v1/appservice/{appserviceId}/ping — client-server-api "Application
   * service ping": the server pings the calling application service's URL, passing on
   * `transaction_id`, and answers how long that took, or why it failed (M_URL_NOT_SET,
   * M_CONNECTION_FAILED, M_CONNECTION_TIMEOUT, M_BAD_STATUS).
   */
  @MatrixRoute(pingAppservice)
  async ping(
    @Req() request: FastifyRequest,
    @Param('appserviceId') appserviceId: string,
    @Body() body: unknown,
  ): Promise<AppservicePingResponse> {
    const transactionId = stringField(jsonObject(body), 'transaction_id');
    const service = await this.callers.requireAppservice(request, appserviceId);
    return this.pinger.ping(service, transactionId);
  }
}
