import type { Client, User } from 'discord.js';
import type { UserInfo } from '@switchboard/bridge-kit';

/** Discord's display name: the global name if set, else the username. */
export function userName(user: Pick<User, 'username' | 'globalName'>): string {
  return user.globalName ?? user.username;
}

export function toUserInfo(user: User): UserInfo {
  return {
    id: user.id,
    name: userName(user),
    avatarUrl: user.avatar ? (user.avatarURL({ extension: 'png', size: 256 }) ?? undefined) : undefined,
    isBot: user.bot,
  };
}

/**
 * Webhook authors are not users the REST API can fetch; remember how each message showed them
 * so the kit can still name and picture their ghost.
 */
export class AuthorDirectory {
  private readonly seen = new Map<string, UserInfo>();

  remember(info: UserInfo): void {
    this.seen.set(info.id, info);
  }

  async fetch(client: Client | null, id: string): Promise<UserInfo | null> {
    const known = this.seen.get(id);
    if (known) return known;
    if (!client) return null;
    try {
      return toUserInfo(await client.users.fetch(id));
    } catch {
      return null;
    }
  }
}
