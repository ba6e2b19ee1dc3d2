import { Body, Controller, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  AppservicePingResponse,
  MatrixError,
  parseRoomId,
  pingAppservice,
  updateAppserviceRoomDirectoryVisibility,
} from '@switchboard/protocol';
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

  /**
   * PUT /_matrix/client/v3/directory/list/appservice/{networkId}/{roomId}: "This API cannot be
   * invoked by users who are not identified as application services."
   */
  @MatrixRoute(updateAppserviceRoomDirectoryVisibility)
  updateDirectoryVisibility(
    @Req() request: FastifyRequest,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Record<string, never>> {
    parseRoomId(roomId);
    const visibility = stringField(jsonObject(body), 'visibility', { required: true });
    if (visibility !== 'public' && visibility !== 'private') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'visibility must be public or private');
    }
    return this.callers.requireAppservice(request);
  }
}
