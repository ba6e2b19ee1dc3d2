import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { AccountRow, AccountsRepository, Queryable, ThreepidsRepository } from '@switchboard/storage';
import { verifyPassword } from './password-hash';
import { JsonObject } from './request-body';
import { identifiedUserId, thirdPartyIdentifier, unknownThirdParty } from './user-identifier';

/** A password check that did not identify an account: wrong user or wrong password alike. */
export const INVALID_CREDENTIALS = 'Invalid username or password';

/** Password checks shared by POST /login and the `m.login.password` UIA stage. */
@Injectable()
export class CredentialsService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly accounts: AccountsRepository,
    private readonly threepids: ThreepidsRepository,
  ) {}

  /**
   * The account `body` identifies (identifier, `user`, or a 3PID bound to it) whose password is
   * `password`, or null.
   * The localpart is matched ignoring case, as Synapse does; when several accounts differ only in
   * case, the exact one is required.
   */
  async check(q: Queryable, body: JsonObject, password: string): Promise<AccountRow | null> {
    const userId = await this.identifiedUser(q, body);
    if (userId === null) return null;
    const candidates = await this.accounts.findIgnoringCase(q, userId);
    const account =
      candidates.length === 1 ? candidates[0] : (candidates.find((c) => c.userId === userId) ?? null);
    if (!account?.passwordHash) return null;
    return (await verifyPassword(password, account.passwordHash)) ? account : null;
  }

  /** The user ID `body` names; a 3PID no account has is a 403 (see identifiedUserId). */
  async identifiedUser(q: Queryable, body: JsonObject): Promise<string | null> {
    const threepid = thirdPartyIdentifier(body);
    if (threepid === null) return identifiedUserId(body, this.config.server_name);
    const owner = await this.threepids.ownerOf(q, threepid.medium, threepid.address);
    if (owner === null) throw unknownThirdParty();
    return owner;
  }
}
