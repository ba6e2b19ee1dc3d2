import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { Edu, tryServerNameOf } from '@switchboard/protocol';
import { EduExchange, EduHandler, PresenceEdu, ReceiptEdu } from '@switchboard/rooms';
import { FederationOutboxRepository, Transactions } from '@switchboard/storage';
import { DestinationSender } from '../outbox/destination-sender.service';
import { presenceEdu } from './presence-edu';

/**
 * Local users' typing, receipts and presence to the servers that share a room with them
 * (server-server-api "Typing Notifications", "Receipts", "Presence"), through the outbox like
 * events. Private read receipts stay on this server.
 */
@Injectable()
export class OutboundEdus implements EduHandler, OnModuleInit {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly exchange: EduExchange,
    private readonly transactions: Transactions,
    private readonly outbox: FederationOutboxRepository,
    private readonly sender: DestinationSender,
  ) {}

  onModuleInit(): void {
    if (this.config.federation.enabled) this.exchange.listenLocal(this);
  }

  async typing(roomId: string, userId: string, typing: boolean, timeoutMs?: number): Promise<void> {
    if (!this.isLocal(userId)) return;
    const content = {
      room_id: roomId,
      user_id: userId,
      typing,
      ...(timeoutMs ? { timeout: timeoutMs } : {}),
    };
    await this.send(await this.outbox.joinedServers(this.transactions.reader, roomId), {
      edu_type: 'm.typing',
      content,
    });
  }

  async receipt(receipt: ReceiptEdu): Promise<void> {
    if (!this.isLocal(receipt.userId) || receipt.receiptType === 'm.read.private') return;
    const data = { ts: receipt.ts, ...(receipt.threadId ? { thread_id: receipt.threadId } : {}) };
    await this.send(await this.outbox.joinedServers(this.transactions.reader, receipt.roomId), {
      edu_type: 'm.receipt',
      content: {
        [receipt.roomId]: {
          [receipt.receiptType]: { [receipt.userId]: { event_ids: receipt.eventIds, data } },
        },
      },
    });
  }

  async presence(presence: PresenceEdu): Promise<void> {
    if (!this.isLocal(presence.userId)) return;
    const servers = await this.outbox.serversSharingRoomWith(this.transactions.reader, presence.userId);
    await this.send(servers, presenceEdu(presence));
  }

  private isLocal(userId: string): boolean {
    return tryServerNameOf(userId) === this.config.server_name;
  }

  private async send(servers: readonly string[], edu: Edu): Promise<void> {
    const destinations = servers.filter((s) => s !== this.config.server_name);
    await this.outbox.add(
      this.transactions.reader,
      destinations.map((destination) => ({ destination, edu })),
    );
    for (const destination of destinations) this.sender.wake(destination);
  }
}
