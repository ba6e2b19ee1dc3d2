import { PushRules } from '@switchboard/protocol';

const CAPACITY = 10_000;
/**
 * A change made through another process is not seen here until the entry expires; changes made
 * through this one invalidate it at once.
 */
const TTL_MS = 30_000;

/** Each user's effective rules, most recently used last; read on every event they could be notified of. */
export class PushRulesCache {
  private readonly entries = new Map<string, { rules: PushRules; expires: number }>();

  get(userId: string): PushRules | undefined {
    const entry = this.entries.get(userId);
    if (!entry) return undefined;
    this.entries.delete(userId);
    if (entry.expires <= Date.now()) return undefined;
    this.entries.set(userId, entry);
    return entry.rules;
  }

  set(userId: string, rules: PushRules): void {
    this.entries.delete(userId);
    this.entries.set(userId, { rules, expires: Date.now() + TTL_MS });
    if (this.entries.size > CAPACITY) this.entries.delete(this.entries.keys().next().value as string);
  }

  invalidate(userId: string): void {
    this.entries.delete(userId);
  }
}
