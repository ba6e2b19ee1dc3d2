import { Body, Controller, Param } from '@nestjs/common';
import { MatrixError, postReceipt, RECEIPT_TYPES, ReceiptType } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { jsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { ReadMarkersService } from '../read_markers/read-markers.service';
import { ReceiptsService } from './receipts.service';

type Empty = Record<string, never>;

@Controller()
export class ReceiptsController {
  constructor(
    private readonly receipts: ReceiptsService,
    private readonly readMarkers: ReadMarkersService,
  ) {}

  /**
   * POST /_matrix/client/v3/rooms/{roomId}/receipt/{receiptType}/{eventId} — client-server-api
   * "Receipts"; `m.fully_read` "effectively calls `/read_markers`".
   */
  @MatrixRoute(postReceipt)
  async postReceipt(
    @Requester() requester: Requester,
    @Param('roomId') roomId: string,
    @Param('receiptType') receiptType: string,
    @Param('eventId') eventId: string,
    @Body() body: unknown,
  ): Promise<Empty> {
    if (!(RECEIPT_TYPES as readonly string[]).includes(receiptType)) {
      throw new MatrixError(
        'M_INVALID_PARAM',
        400,
        `Receipt type must be one of ${RECEIPT_TYPES.join(', ')}`,
      );
    }
    const threadId = stringField(jsonObject(body, { orEmpty: true }), 'thread_id');
    if (threadId === '')
      throw new MatrixError('M_INVALID_PARAM', 400, 'thread_id field must be a non-empty string');
    const type = receiptType as ReceiptType;
    if (type === 'm.fully_read') {
      if (threadId !== undefined)
        throw new MatrixError('M_INVALID_PARAM', 400, 'thread_id is not allowed for m.fully_read');
      await this.readMarkers.set(requester.userId, roomId, { fullyRead: eventId });
    } else {
      await this.receipts.send(requester.userId, roomId, type, eventId, threadId);
    }
    return {};
  }
}
