import { createHash } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { ALL_DEVICES, serverNameOf } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { DirectToDevice, EduExchange, ToDeviceHandler } from '@switchboard/rooms';
import { NewToDeviceMessage, ToDeviceRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { ToDeviceMessages } from './to-device-messages';

/** The stream key of to-device messages in sync tokens and on the notifier. */
export const TO_DEVICE_STREAM = 'to_device';

/**
 * Send-to-device messaging (client-server-api "Send-to-Device messaging"): messages for local
 * users go into their devices' inboxes, messages for other servers' users into an
 * `m.direct_to_device` EDU per server; messages other servers send us come back in here.
 */
@Injectable()
export class ToDeviceService implements ToDeviceHandler, OnModuleInit {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly inbox: ToDeviceRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly exchange: EduExchange,
  ) {}

  onModuleInit(): void {
    this.exchange.keepToDevice(this);
  }

  /** Sends once per (device, txnId): a retried request sends nothing again. */
  async send(requester: Requester, type: string, txnId: string, messages: ToDeviceMessages): Promise<void> {
    const { userId, deviceId } = requester;
    if (await this.inbox.hasTxn(this.transactions.reader, userId, deviceId, txnId)) return;
    const local: NewToDeviceMessage[] = [];
    const remote = new Map<string, Record<string, Record<string, Record<string, unknown>>>>();
    for (const [recipient, byDevice] of Object.entries(messages)) {
      const server = serverNameOf(recipient);
      if (server !== this.config.server_name) {
        remote.set(server, { ...remote.get(server), [recipient]: byDevice });
        continue;
      }
      for (const [device, content] of Object.entries(byDevice)) {
        local.push({
          userId: recipient,
          deviceId: device === ALL_DEVICES ? null : device,
          sender: userId,
          type,
          content,
        });
      }
    }
    // Other servers first: if storing the local part then fails, the client's retry sends the
    // EDUs again with the same message_id, which the receivers drop as repeats.
    const messageId = messageIdOf(userId, deviceId, txnId);
    for (const [server, forServer] of remote) {
      await this.exchange.sendToDevice(server, { sender: userId, type, messageId, messages: forServer });
    }
    const position = await this.transactions.run(async (tx) => {
      if (!(await this.inbox.claimTxn(tx, userId, deviceId, txnId))) return null;
      return this.inbox.add(tx, local);
    });
    if (position !== null) await this.notifier.publish(TO_DEVICE_STREAM, position);
  }

  /** An `m.direct_to_device` EDU from `origin`, for our users only (federation checked). */
  async directToDevice(origin: string, edu: DirectToDevice): Promise<void> {
    const messages: NewToDeviceMessage[] = [];
    for (const [recipient, byDevice] of Object.entries(edu.messages)) {
      for (const [device, content] of Object.entries(byDevice)) {
        messages.push({
          userId: recipient,
          deviceId: device === ALL_DEVICES ? null : device,
          sender: edu.sender,
          type: edu.type,
          content,
        });
      }
    }
    const position = await this.transactions.run(async (tx) => {
      if (!(await this.inbox.claimReceived(tx, origin, edu.messageId, Date.now()))) return null;
      return this.inbox.add(tx, messages);
    });
    if (position !== null) await this.notifier.publish(TO_DEVICE_STREAM, position);
  }
}

/** The same for every retry of one send, and unique across senders, devices and transactions. */
function messageIdOf(userId: string, deviceId: string, txnId: string): string {
  // Length prefixes keep the parts apart whatever characters they hold.
  const key = `${userId.length}:${userId}${deviceId.length}:${deviceId}${txnId}`;
  return createHash('sha256').update(key).digest('base64url').slice(0, 32);
}
