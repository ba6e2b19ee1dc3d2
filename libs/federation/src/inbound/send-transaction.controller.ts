import { Body, Controller, Param } from '@nestjs/common';
import { sendTransaction, SendTransactionResponse } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { Origin } from '../auth/origin.decorator';
import { DestinationSender } from '../outbox/destination-sender.service';
import { TransactionReceiver } from './transaction-receiver.service';

@Controller()
export class SendTransactionController {
  constructor(
    private readonly receiver: TransactionReceiver,
    private readonly sender: DestinationSender,
  ) {}

  /** PUT /_matrix/federation/v1/send/{txnId} */
  @MatrixRoute(sendTransaction)
  async send(
    @Origin() origin: string,
    @Param('txnId') txnId: string,
    @Body() body: unknown,
  ): Promise<SendTransactionResponse> {
    // A server that talks to us is up again: what we hold for it need not wait out its backoff.
    this.sender.peerIsUp(origin);
    return this.receiver.receive(origin, txnId, body);
  }
}
