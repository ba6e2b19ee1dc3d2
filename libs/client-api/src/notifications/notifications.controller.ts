import { Controller, Query } from '@nestjs/common';
import { getNotifications, MatrixError } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { optionalQueryParam } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { integerQueryParam } from '../timeline/query-params';
import { NotificationsPage, NotificationsService } from './notifications.service';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  /** GET /_matrix/client/v3/notifications — client-server-api "Listing Notifications". */
  @MatrixRoute(getNotifications)
  list(@Requester() requester: Requester, @Query() query: unknown): Promise<NotificationsPage> {
    const from = optionalQueryParam(query, 'from');
    if (from !== undefined && !/^[0-9]{1,15}$/.test(from))
      throw new MatrixError('M_INVALID_PARAM', 400, 'from must be a next_token from an earlier response');
    const limit = integerQueryParam(query, 'limit') ?? DEFAULT_LIMIT;
    return this.notifications.list(requester.userId, {
      before: from === undefined ? null : Number(from),
      limit: Math.max(1, Math.min(limit, MAX_LIMIT)),
      onlyHighlight: optionalQueryParam(query, 'only') === 'highlight',
    });
  }
}
