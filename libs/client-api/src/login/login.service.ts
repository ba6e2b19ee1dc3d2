import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGIN_PASSWORD, LoginFlow, LoginResponse, MatrixError } from '@switchboard/protocol';
import { Transactions } from '@switchboard/storage';
import { CredentialsService, INVALID_CREDENTIALS } from '../accounts/credentials.service';
import { booleanField, JsonObject, stringField } from '../accounts/request-body';
import { SessionsService } from '../accounts/sessions.service';

/** client-server-api "Login" with the legacy API: password login. */
@Injectable()
export class LoginService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
  ) {}

  flows(): LoginFlow[] {
    return [{ type: LOGIN_PASSWORD }];
  }

  async login(body: JsonObject): Promise<LoginResponse> {
    const type = stringField(body, 'type', { required: true });
    if (type !== LOGIN_PASSWORD) throw new MatrixError('M_UNKNOWN', 400, 'Bad login type.');
    const password = stringField(body, 'password', { required: true });
    const deviceId = stringField(body, 'device_id');
    const initialDisplayName = stringField(body, 'initial_device_display_name');
    const withRefreshToken = booleanField(body, 'refresh_token') ?? false;
    // The password is checked outside the transaction: argon2 is slow, and the embedded database
    // has a single connection.
    const account = await this.credentials.check(this.transactions.reader, body, password);
    if (!account) throw new MatrixError('M_FORBIDDEN', 403, INVALID_CREDENTIALS);
    // The password was right, so the account's state can be told without leaking it.
    if (account.deactivated)
      throw new MatrixError('M_USER_DEACTIVATED', 403, 'This account has been deactivated');
    return this.transactions.run(async (tx) => {
      const session = await this.sessions.issue(tx, {
        userId: account.userId,
        deviceId,
        initialDisplayName,
        withRefreshToken,
      });
      return {
        user_id: account.userId,
        access_token: session.accessToken,
        device_id: session.deviceId,
        home_server: this.config.server_name,
        ...(session.refreshToken !== undefined
          ? { refresh_token: session.refreshToken, expires_in_ms: session.expiresInMs }
          : {}),
      };
    });
  }
}
