import { Inject, Injectable } from '@nestjs/common';
import { AppserviceQueries } from '@switchboard/appservice';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { JsonObject, MatrixError, serverNameOf } from '@switchboard/protocol';
import { AccountsRepository, Transactions } from '@switchboard/storage';
import { ProfilesService } from '../profile/profiles.service';

/** What membership events need to know of this server's users: who exists, and their profile. */
@Injectable()
export class LocalUsers {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly profiles: ProfilesService,
    private readonly appservices: AppserviceQueries,
  ) {}

  isLocal(userId: string): boolean {
    return serverNameOf(userId) === this.config.server_name;
  }

  /**
   * A user this server can put in a room: a local account, or one the application service whose
   * namespace covers the ID creates when asked (application-service-api "Querying": "such as a
   * room invite"). Users of other servers need federation (the invite handshake of
   * server-server-api), which this server does not offer yet.
   */
  async assertReachable(userId: string): Promise<void> {
    if (!this.isLocal(userId)) {
      throw new MatrixError(
        'M_FORBIDDEN',
        403,
        `Cannot invite ${userId}: this server does not federate yet.`,
      );
    }
    let account = await this.accounts.find(this.transactions.reader, userId);
    if (!account && (await this.appservices.userExists(userId))) {
      account = await this.accounts.find(this.transactions.reader, userId);
    }
    if (!account || account.deactivated) throw new MatrixError('M_NOT_FOUND', 404, `Unknown user ${userId}`);
  }

  /**
   * displayname and avatar_url for the user's member event (m.room.member: "the display name for
   * this user, if any", "the avatar URL for this user, if any").
   */
  async memberProfile(userId: string): Promise<JsonObject> {
    return this.profiles.memberContent(userId);
  }
}
