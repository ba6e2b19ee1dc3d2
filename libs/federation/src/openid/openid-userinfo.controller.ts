import { Controller, Query } from '@nestjs/common';
import { exchangeOpenIdToken, MatrixError, OpenIdUserInfo } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { OpenIdTokensRepository, Transactions } from '@switchboard/storage';

@Controller()
export class OpenIdUserInfoController {
  constructor(
    private readonly transactions: Transactions,
    private readonly tokens: OpenIdTokensRepository,
  ) {}

  /**
   * GET /_matrix/federation/v1/openid/userinfo — server-server-api "OpenID": "Exchanges an OpenID
   * access token for information about the user who generated the token."
   */
  @MatrixRoute(exchangeOpenIdToken)
  async exchangeOpenIdToken(@Query('access_token') token: unknown): Promise<OpenIdUserInfo> {
    if (token === undefined) throw new MatrixError('M_MISSING_TOKEN', 401, 'Missing access_token.');
    const userId =
      typeof token === 'string'
        ? await this.tokens.userOf(this.transactions.reader, token, Date.now())
        : null;
    // "The token was not recognized or has expired."
    if (userId === null) throw new MatrixError('M_UNKNOWN_TOKEN', 401, 'Access token unknown or expired.');
    return { sub: userId };
  }
}
