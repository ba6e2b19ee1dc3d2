import { Injectable, OnModuleInit } from '@nestjs/common';
import { EduExchange, EduHandler, PresenceEdu, ReceiptEdu } from '@switchboard/rooms';
import { PresenceService } from '../presence/presence.service';
import { ReceiptsService } from '../receipts/receipts.service';
import { TypingService } from '../typing/typing.service';

/**
 * Typing, receipts and presence that other servers sent: kept like local users' ones, so /sync
 * shows them. Federation delivers them through the EduExchange (it may not import client-api).
 */
@Injectable()
export class RemoteEdusHandler implements EduHandler, OnModuleInit {
  constructor(
    private readonly exchange: EduExchange,
    private readonly typingService: TypingService,
    private readonly receipts: ReceiptsService,
    private readonly presenceService: PresenceService,
  ) {}

  onModuleInit(): void {
    this.exchange.handleRemote(this);
  }

  typing(roomId: string, userId: string, typing: boolean, timeoutMs?: number): Promise<void> {
    return this.typingService.remoteTyping(roomId, userId, typing, timeoutMs);
  }

  receipt(receipt: ReceiptEdu): Promise<void> {
    return this.receipts.remoteReceipt(receipt);
  }

  presence(presence: PresenceEdu): Promise<void> {
    return this.presenceService.remotePresence(presence);
  }
}
