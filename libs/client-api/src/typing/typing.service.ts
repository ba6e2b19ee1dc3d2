import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { EduExchange, RoomStateQuery } from '@switchboard/rooms';
import { Requester } from '../auth/requester';
import { requireJoined, requireSelf } from '../auth/user-access';

/** The stream key of typing notifications in sync tokens and on the notifier. */
export const TYPING_STREAM = 'typing';

// "a timer should fire periodically every N seconds ... no more than 20-30 seconds": a client that
// asks for longer is held to two minutes, as Synapse does, so a crashed client stops "typing".
const MAX_TIMEOUT_MS = 120_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Who is typing where (modules/typing_notifications.md). Typing is ephemeral, so it lives in this
 * process's memory only: when several processes serve clients (scale-out) it has to move to Redis,
 * or a user typing through one process is invisible to /sync on another.
 */
@Injectable()
export class TypingService implements OnModuleDestroy {
  private readonly typing = new Map<string, Map<string, NodeJS.Timeout>>();
  private readonly changedAt = new Map<string, number>();
  // Starting from the clock keeps positions increasing across restarts, so a sync token from
  // before a restart never hides later changes.
  private position = Date.now();

  constructor(
    private readonly rooms: RoomStateQuery,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly edus: EduExchange,
  ) {}

  get latest(): number {
    return this.position;
  }

  async setTyping(
    requester: Requester,
    roomId: string,
    userId: string,
    typing: boolean,
    timeoutMs?: number,
  ): Promise<void> {
    requireSelf(requester, userId, 'set typing notifications');
    await requireJoined(this.rooms, roomId, userId);
    await this.apply(roomId, userId, typing, timeoutMs);
    await this.edus.local.typing(roomId, userId, typing, timeoutMs);
  }

  /** Typing of a user of another server, as its server told us (federation checked who may). */
  async remoteTyping(roomId: string, userId: string, typing: boolean, timeoutMs?: number): Promise<void> {
    await this.apply(roomId, userId, typing, timeoutMs);
  }

  private async apply(roomId: string, userId: string, typing: boolean, timeoutMs?: number): Promise<void> {
    const users = this.typing.get(roomId) ?? new Map<string, NodeJS.Timeout>();
    clearTimeout(users.get(userId));
    if (typing) {
      const timeout = Math.min(Math.max(timeoutMs ?? DEFAULT_TIMEOUT_MS, 0), MAX_TIMEOUT_MS);
      // A lost wake-up costs a waiter its timeout, never data (notifier.port.ts).
      const timer = setTimeout(() => void this.stop(roomId, userId).catch(() => undefined), timeout);
      timer.unref();
      const wasTyping = users.has(userId);
      users.set(userId, timer);
      this.typing.set(roomId, users);
      if (!wasTyping) await this.changed(roomId);
    } else {
      await this.stop(roomId, userId);
    }
  }

  /** The users typing in a room now. */
  typingIn(roomId: string): string[] {
    return [...(this.typing.get(roomId)?.keys() ?? [])].sort();
  }

  /** Whether the room's typing list changed in (from, to]. */
  changedBetween(roomId: string, from: number, to: number): boolean {
    const at = this.changedAt.get(roomId);
    return at !== undefined && at > from && at <= to;
  }

  onModuleDestroy(): void {
    for (const users of this.typing.values()) for (const timer of users.values()) clearTimeout(timer);
    this.typing.clear();
  }

  private async stop(roomId: string, userId: string): Promise<void> {
    const users = this.typing.get(roomId);
    if (!users?.has(userId)) return;
    clearTimeout(users.get(userId));
    users.delete(userId);
    if (users.size === 0) this.typing.delete(roomId);
    await this.changed(roomId);
  }

  private async changed(roomId: string): Promise<void> {
    this.position += 1;
    this.changedAt.set(roomId, this.position);
    await this.notifier.publish(TYPING_STREAM, this.position);
  }
}
