import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError, OpenIdToken } from '@switchboard/protocol';
import { OpenIdTokensRepository, Transactions } from '@switchboard/storage';
import { newOpaqueId } from '../accounts/tokens';
import { Requester } from '../auth/requester';

/** Synapse's default: an hour for the third party to check the token. */
const OPENID_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/**
 * client-server-api "OpenID": a token a third party exchanges at this server's
 * /_matrix/federation/v1/openid/userinfo to learn who the user is, and nothing else.
 */
@Injectable()
export class OpenIdTokensService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly tokens: OpenIdTokensRepository,
  ) {}

  async issue(requester: Requester, userId: string): Promise<OpenIdToken> {
    if (userId !== requester.userId) {
      throw new MatrixError('M_FORBIDDEN', 403, 'Cannot request OpenID tokens for other users.');
    }
    const token = `sb_oi_${newOpaqueId(32)}`;
    await this.tokens.create(this.transactions.reader, {
      token,
      userId,
      expiresTs: Date.now() + OPENID_TOKEN_LIFETIME_MS,
    });
    return {
      access_token: token,
      token_type: 'Bearer',
      matrix_server_name: this.config.server_name,
      expires_in: OPENID_TOKEN_LIFETIME_MS / 1000,
    };
  }
}
