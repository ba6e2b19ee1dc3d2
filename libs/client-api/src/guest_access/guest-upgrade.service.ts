import { Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import { AccountsRepository, Tx } from '@switchboard/storage';
import { AccessTokenAuthService } from '../auth/access-token-auth.service';

/**
 * modules/guest_access: "Guest users can also upgrade their account by going through the ordinary
 * `register` flow, but specifying the additional POST parameter `guest_access_token` containing the
 * guest's access token. They are also required to specify the `username` parameter to the value of
 * the local part of their username, which is otherwise optional."
 */
@Injectable()
export class GuestUpgradeService {
  constructor(
    private readonly tokens: AccessTokenAuthService,
    private readonly accounts: AccountsRepository,
  ) {}

  /**
   * The guest `guestAccessToken` belongs to, whom `wantedUserId` must name; undefined without a
   * token. 401 for a token that is not valid, 403 for one of a full account or of another user.
   */
  async guestFor(guestAccessToken: unknown, wantedUserId: string | undefined): Promise<string | undefined> {
    if (guestAccessToken === undefined || guestAccessToken === null) return undefined;
    if (typeof guestAccessToken !== 'string') {
      throw new MatrixError('M_BAD_JSON', 400, 'Parameter guest_access_token must be a string');
    }
    const guest = await this.tokens.authenticate(guestAccessToken, null);
    if (!guest.isGuest) throw new MatrixError('M_FORBIDDEN', 403, 'Only a guest account can be upgraded.');
    if (wantedUserId !== guest.userId) {
      throw new MatrixError(
        'M_FORBIDDEN',
        403,
        'The username must be the guest account\u2019s own localpart.',
      );
    }
    return guest.userId;
  }

  /** The guest becomes a full account with this password; its ID, rooms and devices stay. */
  async upgrade(tx: Tx, guestUserId: string, passwordHash: string): Promise<string> {
    await this.accounts.upgradeGuest(tx, guestUserId, passwordHash);
    return guestUserId;
  }
}
