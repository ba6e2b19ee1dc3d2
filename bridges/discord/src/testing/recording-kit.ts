import pino from 'pino';
import type { BridgeKit, BridgeState, RemoteEvent } from '@switchboard/bridge-kit';

/**
 * A BridgeKit that records what the connector hands it, with an in-memory message map the test
 * fills (`bridgeSent`, `portals`, `last`) to play the kit's store.
 */
export class RecordingKit implements BridgeKit {
  readonly log = pino({ level: process.env.LOG_LEVEL ?? 'silent' });
  readonly serverName = 'example.test';
  readonly events: RemoteEvent[] = [];
  readonly states: Array<{ state: BridgeState; message?: string }> = [];
  readonly portals = new Map<string, string>();
  readonly bridgeSent = new Set<string>();
  readonly last = new Map<string, string>();
  readonly links = new Map<string, string>();
  private waiters: Array<() => void> = [];

  async queueRemoteEvent(event: RemoteEvent): Promise<void> {
    this.events.push(JSON.parse(JSON.stringify(event)) as RemoteEvent);
    this.wake();
  }

  reportState(state: BridgeState, message?: string): void {
    this.states.push({ state, message });
    this.wake();
  }

  get state(): BridgeState | undefined {
    return this.states.at(-1)?.state;
  }

  async userMxid(user: string): Promise<string> {
    return this.links.get(user) ?? this.ghostMxid(user);
  }

  ghostMxid(user: string): string {
    return `@discord_${user}:${this.serverName}`;
  }

  async remoteUserOf(mxid: string): Promise<string | null> {
    return /^@discord_(\d+):/.exec(mxid)?.[1] ?? null;
  }

  async portalRoom(chat: string): Promise<string | null> {
    return this.portals.get(chat) ?? null;
  }

  async lastRemoteMessage(chat: string): Promise<string | null> {
    return this.last.get(chat) ?? null;
  }

  async portalCreatedAt(chat: string): Promise<number | null> {
    return this.portals.has(chat) ? 0 : null;
  }

  async isBridgeSent(chat: string, message: string): Promise<boolean> {
    return this.bridgeSent.has(`${chat}/${message}`);
  }

  /** Resolves when `check` holds, re-checked after each recorded event or state; rejects after timeoutMs. */
  async until<T>(check: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('RecordingKit.until: timed out');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }
}
