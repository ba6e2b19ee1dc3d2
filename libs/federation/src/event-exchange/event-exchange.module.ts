import { forwardRef, Global, Module } from '@nestjs/common';
import { FEDERATION_FETCHER, RoomsModule, VERIFY_KEYS } from '@switchboard/rooms';
import { DirectToDeviceEdus } from '../edu/direct-to-device-edus';
import { InboundEdus } from '../edu/inbound-edus';
import { OutboundEdus } from '../edu/outbound-edus';
import { FederationModule } from '../federation.module';
import { SendTransactionController } from '../inbound/send-transaction.controller';
import { TransactionReceiver } from '../inbound/transaction-receiver.service';
import { DestinationSender } from '../outbox/destination-sender.service';
import { EventDestinations } from '../outbox/event-destinations';
import { OutboxFanout } from '../outbox/outbox-fanout.service';
import { BackfillController } from '../serving/backfill.controller';
import { EventAuthController } from '../serving/event-auth.controller';
import { EventServing } from '../serving/event-serving.service';
import { FederationEventsController } from '../serving/events.controller';
import { RemoteEventsClient } from './remote-events.client';
import { RemoteVerifyKeys } from './remote-verify-keys';

/**
 * The event-exchange half of the server-server API: transactions in (`/send`) and out (the
 * outbox), the read endpoints other servers fetch events with, and the room server's ports for
 * fetching from them. Global, so that the room server's RoomInput finds FEDERATION_FETCHER and
 * VERIFY_KEYS without importing federation.
 */
@Global()
@Module({
  imports: [forwardRef(() => FederationModule), RoomsModule],
  controllers: [
    SendTransactionController,
    FederationEventsController,
    EventAuthController,
    BackfillController,
  ],
  providers: [
    RemoteEventsClient,
    RemoteVerifyKeys,
    { provide: FEDERATION_FETCHER, useExisting: RemoteEventsClient },
    { provide: VERIFY_KEYS, useExisting: RemoteVerifyKeys },
    TransactionReceiver,
    InboundEdus,
    OutboundEdus,
    DirectToDeviceEdus,
    EventServing,
    EventDestinations,
    DestinationSender,
    OutboxFanout,
  ],
  exports: [FEDERATION_FETCHER, VERIFY_KEYS, RemoteEventsClient, DestinationSender],
})
export class EventExchangeModule {}
