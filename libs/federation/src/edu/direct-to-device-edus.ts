import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { DirectToDeviceContent, isValidUserId, tryServerNameOf } from '@switchboard/protocol';
import { DirectToDevice, EduExchange, ToDeviceHandler } from '@switchboard/rooms';
import { FederationOutboxRepository, Transactions } from '@switchboard/storage';
import { isObject } from '../inbound/parse-transaction';
import { DestinationSender } from '../outbox/destination-sender.service';

/**
 * `m.direct_to_device` EDUs (server-server-api "Send-to-device messaging"), both ways: local
 * users' messages go into the destination's outbox like any EDU; received ones, when the origin
 * speaks for the sender, go to the keeper of device inboxes with only the messages for our users.
 */
@Injectable()
export class DirectToDeviceEdus implements ToDeviceHandler, OnModuleInit {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly exchange: EduExchange,
    private readonly transactions: Transactions,
    private readonly outbox: FederationOutboxRepository,
    private readonly sender: DestinationSender,
  ) {}

  onModuleInit(): void {
    if (this.config.federation.enabled) this.exchange.carryToDevice(this);
  }

  async directToDevice(destination: string, messages: DirectToDevice): Promise<void> {
    const content: DirectToDeviceContent = {
      sender: messages.sender,
      type: messages.type,
      message_id: messages.messageId,
      messages: messages.messages,
    };
    await this.outbox.add(this.transactions.reader, [
      { destination, edu: { edu_type: 'm.direct_to_device', content: { ...content } } },
    ]);
    this.sender.wake(destination);
  }

  /** An EDU of a received transaction; a malformed one, or one for nobody here, is dropped. */
  async receive(origin: string, content: Record<string, unknown>): Promise<void> {
    const { sender, type, message_id: messageId, messages } = content;
    if (typeof sender !== 'string' || !isValidUserId(sender) || tryServerNameOf(sender) !== origin) return;
    if (typeof type !== 'string' || typeof messageId !== 'string' || !isObject(messages)) return;
    const ours: Record<string, Record<string, Record<string, unknown>>> = {};
    for (const [userId, byDevice] of Object.entries(messages)) {
      if (tryServerNameOf(userId) !== this.config.server_name || !isObject(byDevice)) continue;
      const devices = Object.entries(byDevice).filter((entry): entry is [string, Record<string, unknown>] =>
        isObject(entry[1]),
      );
      if (devices.length > 0) ours[userId] = Object.fromEntries(devices);
    }
    if (Object.keys(ours).length === 0) return;
    await this.exchange.receivedToDevice(origin, { sender, type, messageId, messages: ours });
  }
}
