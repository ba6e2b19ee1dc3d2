import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { LOGGER, Logger } from '@switchboard/observability';
import { typingEvent } from '@switchboard/protocol';
import { EduExchange, EduHandler } from '@switchboard/rooms';
import { AppserviceOutboxRepository, Transactions } from '@switchboard/storage';
import { AppserviceSender } from '../delivery/appservice-sender.service';
import { AppserviceRegistry } from '../registry/appservice-registry';
import { AppserviceInterestFactory } from './appservice-interest.factory';

// As client-api's typing: a client that asks for longer is held to two minutes.
const MAX_TIMEOUT_MS = 120_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Typing in rooms that interest a service, as /sync gives it plus its room (MSC2409: `{type:
 * m.typing, room_id, content: {user_ids}}`), each time the room's list changes. Typing has no
 * stream in the database (client-api keeps it in memory), so this keeps its own list, from the
 * local users' and other servers' changes the room server's EduExchange announces, with the same
 * timeouts. Receipts
 * and presence come from their streams, which also carry other servers' ones.
 */
@Injectable()
export class TypingRelay implements EduHandler, OnModuleInit, OnModuleDestroy {
  private readonly typers = new Map<string, Map<string, NodeJS.Timeout>>();
  /** Hand-overs run one after another, so a service never gets a room's lists out of order. */
  private handingOver: Promise<void> = Promise.resolve();

  constructor(
    private readonly exchange: EduExchange,
    private readonly registry: AppserviceRegistry,
    private readonly transactions: Transactions,
    private readonly outbox: AppserviceOutboxRepository,
    private readonly interests: AppserviceInterestFactory,
    private readonly sender: AppserviceSender,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    this.exchange.listenLocal(this);
    this.exchange.listenRemote(this);
  }

  onModuleDestroy(): void {
    for (const users of this.typers.values()) for (const timer of users.values()) clearTimeout(timer);
    this.typers.clear();
  }

  async typing(roomId: string, userId: string, typing: boolean, timeoutMs?: number): Promise<void> {
    const users = this.typers.get(roomId) ?? new Map<string, NodeJS.Timeout>();
    clearTimeout(users.get(userId));
    if (!typing) {
      if (users.delete(userId)) await this.changed(roomId, users);
      return;
    }
    const timeout = Math.min(Math.max(timeoutMs ?? DEFAULT_TIMEOUT_MS, 0), MAX_TIMEOUT_MS);
    const timer = setTimeout(() => void this.typing(roomId, userId, false), timeout);
    timer.unref();
    const wasTyping = users.has(userId);
    users.set(userId, timer);
    this.typers.set(roomId, users);
    if (!wasTyping) await this.changed(roomId, users);
  }

  async receipt(): Promise<void> {}

  async presence(): Promise<void> {}

  private async changed(roomId: string, users: Map<string, NodeJS.Timeout>): Promise<void> {
    if (users.size === 0) this.typers.delete(roomId);
    const userIds = [...users.keys()].sort();
    this.handingOver = this.handingOver.then(() =>
      this.handOver(roomId, userIds).catch((err) =>
        this.logger.error({ err, room_id: roomId }, 'appservice ephemeral: handing over typing failed'),
      ),
    );
    await this.handingOver;
  }

  private async handOver(roomId: string, userIds: string[]): Promise<void> {
    const services = this.registry
      .all()
      .filter((s) => s.registration.url !== null && s.registration.receive_ephemeral);
    if (services.length === 0) return;
    const interested = await this.interests.of(this.transactions.reader, services).inRoom(roomId);
    if (interested.length === 0) return;
    const event = { ...typingEvent(userIds), room_id: roomId };
    await this.transactions.run((tx) =>
      this.outbox.add(
        tx,
        interested.map((s) => ({ appserviceId: s.id, ephemeral: event })),
      ),
    );
    for (const service of interested) this.sender.wake(service.id);
  }
}
