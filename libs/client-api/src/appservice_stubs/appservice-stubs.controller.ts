import { Body, Controller, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppservicePingResponse, pingAppservice } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { AppserviceCallerService } from './appservice-caller.service';

/** The client-server endpoints only an application service may call; see AppserviceCallerService. */
@Controller()
export class AppserviceStubsController {
  constructor(private readonly callers: AppserviceCallerService) {}

  /** POST /_matrix/client/v1/appservice/{appserviceId}/ping — client-server-api "Application service ping". */
  @MatrixRoute(pingAppservice)
  ping(
    @Req() request: FastifyRequest,
    @Param('appserviceId') appserviceId: string,
    @Body() body: unknown,
  ): Promise<AppservicePingResponse> {
    stringField(jsonObject(body), 'transaction_id');
    return this.callers.requireAppservice(request, appserviceId);
  }
}
