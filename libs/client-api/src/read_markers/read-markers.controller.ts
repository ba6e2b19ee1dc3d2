import { Body, Controller, Param } from '@nestjs/common';
import { setReadMarker } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { ReadMarkersService } from './read-markers.service';

type Empty = Record<string, never>;

@Controller()
export class ReadMarkersController {
  constructor(private readonly readMarkers: ReadMarkersService) {}

  /** POST /_matrix/client/v3/rooms/{roomId}/read_markers — client-server-api "Fully read markers". */
  @MatrixRoute(setReadMarker)
  async setReadMarker(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    const request = jsonObject(body);
    await this.readMarkers.set(requester.userId, roomId, {
      fullyRead: stringField(request, 'm.fully_read'),
      read: stringField(request, 'm.read'),
      readPrivate: stringField(request, 'm.read.private'),
    });
    return {};
  }
}
