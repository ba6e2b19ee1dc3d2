import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError, parseUserId } from '@switchboard/protocol';
import { AccountModerationRepository, ModerationFlag, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';

/**
 * client-server-api "Account moderation": GET and PUT /admin/lock/{userId} and
 * /admin/suspend/{userId}. The flags take effect in the access-token auth path (AccessTokenGuard).
 */
@Injectable()
export class AccountModerationService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly moderation: AccountModerationRepository,
  ) {}

  /** Whether `userId` may lock and suspend accounts: GET /capabilities' `m.account_moderation`. */
  async canModerate(userId: string): Promise<boolean> {
    return this.isAdmin(await this.moderation.find(this.transactions.reader, userId));
  }

  async get(requester: Requester, userId: string, flag: ModerationFlag): Promise<boolean> {
    const target = await this.target(requester, userId);
    return target[flag];
  }

  async set(requester: Requester, userId: string, flag: ModerationFlag, value: boolean): Promise<boolean> {
    await this.target(requester, userId);
    await this.transactions.run((tx) => this.moderation.set(tx, userId, flag, value));
    return value;
  }

  /**
   * "In order to prevent user enumeration, servers MUST ensure that authorisation is checked prior
   * to trying to do account lookups": 403 for a non-admin first, then 400 for a remote user, 404
   * for an unknown or deactivated one, 403 for another admin (which covers the requester's own
   * account, "trying to lock their own account").
   */
  private async target(requester: Requester, userId: string) {
    if (!(await this.canModerate(requester.userId))) {
      throw new MatrixError('M_FORBIDDEN', 403, 'Requesting user is not a server administrator.');
    }
    if (parseUserId(userId).serverName !== this.config.server_name) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'User does not belong to the local server.');
    }
    const target = await this.moderation.find(this.transactions.reader, userId);
    if (!target || target.deactivated) throw new MatrixError('M_NOT_FOUND', 404, 'User not found.');
    if (this.isAdmin(target)) {
      throw new MatrixError('M_FORBIDDEN', 403, 'Server administrators cannot be locked or suspended.');
    }
    return target;
  }

  /** An admin of the config's `admins`, or one made so at registration (as GET /admin/whois). */
  private isAdmin(account: { userId: string; admin: boolean } | null): boolean {
    return account !== null && (account.admin || this.config.admins.includes(account.userId));
  }
}
