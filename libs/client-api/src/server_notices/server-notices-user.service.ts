import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { formatUserId, MatrixError } from '@switchboard/protocol';
import { AccountsRepository, Transactions } from '@switchboard/storage';
import { ensureSystemAccount } from '../accounts/system-account';

/**
 * The user server notices come from ("which user they use to send the events, is left as an
 * implementation detail"): server_notices.system_mxid_localpart, a local account without a
 * password, so nobody can log in as it.
 */
@Injectable()
export class ServerNoticesUser {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
  ) {}

  /** Null while server notices are off. */
  get userId(): string | null {
    const localpart = this.config.server_notices.system_mxid_localpart;
    return localpart === null ? null : formatUserId(localpart, this.config.server_name);
  }

  /** The notices user, registered on first use; 400 while server notices are off. */
  async ensureRegistered(): Promise<string> {
    const userId = this.userId;
    if (userId === null) {
      throw new MatrixError('M_UNKNOWN', 400, 'Server notices are not enabled on this server');
    }
    await ensureSystemAccount(this.accounts, this.transactions.reader, userId);
    return userId;
  }
}
