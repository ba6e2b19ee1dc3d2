import { Body, Controller, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import {
  MatrixError,
  parseRoomId,
  removeAppserviceRoomFromDirectory,
  updateAppserviceRoomDirectoryVisibility,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { AppserviceCallerService } from '../auth/appservice-caller.service';
import { AppserviceDirectoryService } from './appservice-directory.service';

type Empty = Record<string, never>;

/** client-server-api "Application service room directories" (appservice_room_directory). */
@Controller()
export class AppserviceDirectoryController {
  constructor(
    private readonly callers: AppserviceCallerService,
    private readonly directory: AppserviceDirectoryService,
  ) {}

  /**
   * PUT /_matrix/client/v3/directory/list/appservice/{networkId}/{roomId}: "This API cannot be
   * invoked by users who are not identified as application services."
   */
  @MatrixRoute(updateAppserviceRoomDirectoryVisibility)
  async updateAppserviceRoomDirectoryVisibility(
    @Req() request: FastifyRequest,
    @Param('networkId') networkId: string,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    parseRoomId(roomId);
    const visibility = stringField(jsonObject(body), 'visibility', { required: true });
    if (visibility !== 'public' && visibility !== 'private') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'visibility must be public or private');
    }
    const service = await this.callers.requireAppservice(request);
    await this.directory.setVisibility(service, networkId, roomId, visibility);
    return {};
  }

  /** DELETE of the same path: the room leaves the application service's directory (Synapse, SyTest). */
  @MatrixRoute(removeAppserviceRoomFromDirectory)
  async removeAppserviceRoomFromDirectory(
    @Req() request: FastifyRequest,
    @Param('networkId') networkId: string,
    @Param('roomId') roomId: string,
  ): Promise<Empty> {
    parseRoomId(roomId);
    const service = await this.callers.requireAppservice(request);
    await this.directory.setVisibility(service, networkId, roomId, 'private');
    return {};
  }
}
