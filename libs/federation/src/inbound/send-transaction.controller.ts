import { Body, Controller, Param } from '@nestjs/common';
import { sendTransaction, SendTransactionResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Origin } from '../auth/origin.decorator';
import { TransactionReceiver } from './transaction-receiver.service';

@Controller()
export class SendTransactionController {
  constructor(private readonly receiver: TransactionReceiver) {}

  /** PUT /_matrix/federation/v1/send/{txnId} */
  @MatrixRoute(sendTransaction)
  async send(
    @Origin() origin: string,
    @Param('txnId') txnId: string,
    @Body() body: unknown,
  ): Promise<SendTransactionResponse> {
    return this.receiver.receive(origin, txnId, body);
  }
}
