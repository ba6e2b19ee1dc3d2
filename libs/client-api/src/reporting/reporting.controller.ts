import { Body, Controller, Param } from '@nestjs/common';
import { reportEvent, reportRoom, reportUser } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Requester } from '../auth/requester';
import { ContentReportsService } from './content-reports.service';
import { parseReportBody } from './report-body';

type Empty = Record<string, never>;

@Controller()
export class ReportingController {
  constructor(private readonly reports: ContentReportsService) {}

  /** POST /_matrix/client/v3/rooms/{roomId}/report/{eventId} — client-server-api "Reporting content". */
  @MatrixRoute(reportEvent)
  async reportEvent(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.reports.reportEvent(requester, roomId, eventId, parseReportBody(body, false));
    return {};
  }

  /** POST /_matrix/client/v3/rooms/{roomId}/report — client-server-api "Reporting content". */
  @MatrixRoute(reportRoom)
  async reportRoom(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.reports.reportRoom(requester, roomId, parseReportBody(body, true));
    return {};
  }

  /** POST /_matrix/client/v3/users/{userId}/report — client-server-api "Reporting content". */
  @MatrixRoute(reportUser)
  async reportUser(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    await this.reports.reportUser(requester, userId, parseReportBody(body, true));
    return {};
  }
}
