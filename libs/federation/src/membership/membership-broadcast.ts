import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { FederationOutboxRepository, Transactions } from '@switchboard/storage';
import { DestinationSender } from '../outbox/destination-sender.service';

/**
 * A join, leave or knock another server handed us through send_* is news for the room's other
 * servers too ("The resident server will then send the event to other servers in the room"). It
 * goes through the same durable outbox as our own events.
 */
@Injectable()
export class MembershipBroadcast {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly outbox: FederationOutboxRepository,
    private readonly sender: DestinationSender,
  ) {}

  async toRoom(roomId: string, eventId: string, origin: string): Promise<void> {
    const q = this.transactions.reader;
    const destinations = (await this.outbox.joinedServers(q, roomId)).filter(
      (s) => s !== this.config.server_name && s !== origin,
    );
    await this.outbox.add(
      q,
      destinations.map((destination) => ({ destination, eventId })),
    );
    for (const destination of destinations) this.sender.wake(destination);
  }
}
