import { randomUUID } from 'node:crypto';
import { Body, Controller, Param } from '@nestjs/common';
import { JsonObject, redactEvent, redactEventWithoutTxn } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { RedactionService } from './redaction.service';

@Controller()
export class RedactionController {
  constructor(private readonly redactions: RedactionService) {}

  /**
   * PUT /_matrix/client/v3/rooms/{roomId}/redact/{eventId}/{txnId} — client-server-api
   * "Redactions"; 403 M_FORBIDDEN without the power to redact, 404 M_NOT_FOUND for an unknown event.
   */
  @MatrixRoute(redactEvent)
  async redactEvent(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Param('txnId') txnId: string,
    @Body() body: unknown,
  ): Promise<{ event_id: string }> {
    const content = jsonObject(body, { orEmpty: true });
    stringField(content, 'reason'); // M_INVALID_PARAM unless absent or a string
    return {
      event_id: await this.redactions.redact(requester, roomId, eventId, content as JsonObject, txnId),
    };
  }

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/redact/{eventId}, Synapse's form without a transaction
   * ID: each request is a new redaction.
   */
  @MatrixRoute(redactEventWithoutTxn)
  redactEventWithoutTxn(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<{ event_id: string }> {
    return this.redactEvent(requester, roomId, eventId, `post-${randomUUID()}`, body);
  }
}
