import { Injectable } from '@nestjs/common';
import { AccessTokenOwner } from '../repositories/access-tokens.repository';
import { afterCommit, Queryable } from '../transactions';

/** How long an entry is trusted: the bound on how late another process's revocation is seen. */
const TTL_MS = 30_000;
const CAPACITY = 50_000;

interface Entry {
  owner: AccessTokenOwner;
  cachedTs: number;
}

/**
 * Access tokens resolved to their owners, so that a request does not cost a database round trip
 * before its own work. Whatever can end a session (a token or device deleted, an account
 * deactivated or a guest upgraded) calls `revoke` with the transaction doing it: the cache empties
 * at once and again after the commit, so that a lookup racing the transaction cannot keep the old
 * row. A lookup stores its row only if no revocation happened while it read. Revocations are
 * rare, so emptying everything is cheaper than tracking tokens per user.
 */
@Injectable()
export class AccessTokenCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  async lookup(
    hash: Buffer,
    load: () => Promise<AccessTokenOwner | null>,
    now = Date.now(),
  ): Promise<AccessTokenOwner | null> {
    const key = hash.toString('base64');
    const hit = this.entries.get(key);
    if (hit && now - hit.cachedTs < TTL_MS) return hit.owner;
    const generation = this.generation;
    const owner = await load();
    // A token that refreshed another one changes on first use (AccessTokensRepository.markUsed).
    const settled = owner !== null && (owner.refreshTokenId === null || owner.used);
    if (settled && generation === this.generation) {
      if (this.entries.size >= CAPACITY) this.entries.clear();
      this.entries.set(key, { owner, cachedTs: now });
    } else {
      this.entries.delete(key);
    }
    return owner;
  }

  /** Called by every write that can end a session, with the connection it writes on. */
  revoke(q: Queryable): void {
    this.clear();
    afterCommit(q, () => this.clear());
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
  }
}
