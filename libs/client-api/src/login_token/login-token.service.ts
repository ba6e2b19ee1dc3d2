import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { generateLoginToken, LOGIN_PASSWORD, LoginTokenResponse, MatrixError } from '@switchboard/protocol';
import { Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { LoginTokensService } from '../sso/login-tokens.service';
import { UserInteractiveAuthService } from '../uia/user-interactive-auth.service';

/**
 * client-server-api POST /login/get_token: a signed-in device lets another sign in as the same
 * user with `m.login.token`. "Optional endpoint": off unless `login_via_existing_session.enabled`,
 * and then answered as an unknown endpoint, as by a server without it.
 */
@Injectable()
export class LoginTokenService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly uia: UserInteractiveAuthService,
    private readonly loginTokens: LoginTokensService,
  ) {}

  async generate(requester: Requester, auth: unknown): Promise<LoginTokenResponse> {
    const settings = this.config.login_via_existing_session;
    if (!settings.enabled || requester.isGuest) {
      throw new MatrixError('M_UNRECOGNIZED', 404, 'Unrecognized request');
    }
    // "servers MUST always re-prompt the user for verification": a session authorises one token.
    const outcome = settings.require_ui_auth
      ? await this.uia.authenticate(auth, {
          operation: `${generateLoginToken.method} ${generateLoginToken.path}`,
          userId: requester.userId,
          flows: [[LOGIN_PASSWORD]],
        })
      : undefined;
    const token = await this.loginTokens.issue(requester.userId, settings.token_timeout_ms);
    if (outcome) await this.transactions.run((tx) => this.uia.finish(tx, outcome));
    return { login_token: token, expires_in_ms: settings.token_timeout_ms };
  }
}
