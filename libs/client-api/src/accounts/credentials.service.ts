import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { AccountRow, AccountsRepository, Queryable } from '@switchboard/storage';
import { verifyPassword } from './password-hash';
import { JsonObject } from './request-body';
import { identifiedUserId } from './user-identifier';

/** A password check that did not identify an account: wrong user or wrong password alike. */
export const INVALID_CREDENTIALS = 'Invalid username or password';

/** Password checks shared by POST /login and the `m.login.password` UIA stage. */
@Injectable()
export class CredentialsService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly accounts: AccountsRepository,
  ) {}

  /**
   * The account `body` identifies (identifier or `user`) whose password is `password`, or null.
   * The localpart is matched ignoring case, as Synapse does; when several accounts differ only in
   * case, the exact one is required.
   */
  async check(q: Queryable, body: JsonObject, password: string): Promise<AccountRow | null> {
    const userId = identifiedUserId(body, this.config.server_name);
    if (userId === null) return null;
    const candidates = await this.accounts.findIgnoringCase(q, userId);
    const account =
      candidates.length === 1 ? candidates[0] : (candidates.find((c) => c.userId === userId) ?? null);
    if (!account?.passwordHash) return null;
    return (await verifyPassword(password, account.passwordHash)) ? account : null;
  }
}
