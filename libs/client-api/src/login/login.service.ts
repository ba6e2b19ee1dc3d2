import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppserviceRegistry } from '@switchboard/appservice';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGIN_PASSWORD, LoginFlow, LoginResponse, MatrixError } from '@switchboard/protocol';
import {
  AccountModerationRepository,
  AccountRow,
  AccountsRepository,
  Transactions,
} from '@switchboard/storage';
import { CredentialsService, INVALID_CREDENTIALS } from '../accounts/credentials.service';
import { booleanField, JsonObject, stringField } from '../accounts/request-body';
import { SessionsService } from '../accounts/sessions.service';
import { AppserviceCallerService } from '../auth/appservice-caller.service';
import { DeviceListUpdates } from '../device_lists/device-list-updates.service';
import { CasService } from '../sso/cas.service';
import { LoginTokensService } from '../sso/login-tokens.service';
import { LOGIN_CAS, LOGIN_SSO, LOGIN_TOKEN } from '../uia/login-types';
import { AppserviceLoginService, LOGIN_APPLICATION_SERVICE } from './appservice-login.service';

/**
 * client-server-api "Login" with the legacy API: password login, and with single sign-on the
 * `m.login.token` that it hands out.
 */
@Injectable()
export class LoginService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly credentials: CredentialsService,
    private readonly sessions: SessionsService,
    private readonly cas: CasService,
    private readonly loginTokens: LoginTokensService,
    private readonly accounts: AccountsRepository,
    private readonly deviceLists: DeviceListUpdates,
    private readonly moderation: AccountModerationRepository,
    private readonly registry: AppserviceRegistry,
    private readonly callers: AppserviceCallerService,
    private readonly appserviceLogins: AppserviceLoginService,
  ) {}

  /**
   * With CAS, `m.login.cas` too: the name older clients (and SyTest) look for. With POST
   * /login/get_token on, `m.login.token` says so ("looking for an `m.login.token` login flow with
   * `get_login_token: true`"). `m.login.application_service` once an application service is
   * registered, as only one can use it.
   */
  flows(): LoginFlow[] {
    const flows: LoginFlow[] = [{ type: LOGIN_PASSWORD }];
    if (this.cas.enabled()) flows.push({ type: LOGIN_SSO }, { type: LOGIN_CAS });
    const getLoginToken = this.config.login_via_existing_session.enabled;
    if (this.cas.enabled() || getLoginToken) {
      flows.push(getLoginToken ? { type: LOGIN_TOKEN, get_login_token: true } : { type: LOGIN_TOKEN });
    }
    if (this.registry.all().length > 0) flows.push({ type: LOGIN_APPLICATION_SERVICE });
    return flows;
  }

  async login(body: JsonObject, request: FastifyRequest): Promise<LoginResponse> {
    const type = stringField(body, 'type', { required: true });
    const deviceId = stringField(body, 'device_id');
    const initialDisplayName = stringField(body, 'initial_device_display_name');
    const withRefreshToken = booleanField(body, 'refresh_token') ?? false;
    const account = await this.authenticate(type, body, request);
    // The credentials were right, so the account's state can be told without leaking it.
    if (account.deactivated)
      throw new MatrixError('M_USER_DEACTIVATED', 403, 'This account has been deactivated');
    // "M_USER_LOCKED: The account has been locked and cannot be used at this time": no new session
    // either (its token would answer M_USER_LOCKED to everything).
    if ((await this.moderation.find(this.transactions.reader, account.userId))?.locked)
      throw new MatrixError('M_USER_LOCKED', 401, 'This account has been locked', { soft_logout: true });
    const response = await this.transactions.run(async (tx) => {
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
    // A new device (or a device ID reused with new tokens) is news to those who track the user's devices.
    await this.deviceLists.changed(account.userId, [response.device_id]);
    return response;
  }

  /**
   * The account the credentials prove. A password is checked outside any transaction: argon2 is
   * slow, and the embedded database has a single connection. An unknown or used login token is
   * 403 M_FORBIDDEN ("The login attempt failed").
   */
  private async authenticate(type: string, body: JsonObject, request: FastifyRequest): Promise<AccountRow> {
    if (type === LOGIN_APPLICATION_SERVICE) {
      return this.appserviceLogins.account(this.callers.asTokenCaller(request), body);
    }
    if (type === LOGIN_PASSWORD) {
      const password = stringField(body, 'password', { required: true });
      const account = await this.credentials.check(this.transactions.reader, body, password);
      if (!account) throw new MatrixError('M_FORBIDDEN', 403, INVALID_CREDENTIALS);
      return account;
    }
    if (type === LOGIN_TOKEN && (this.cas.enabled() || this.config.login_via_existing_session.enabled)) {
      const token = stringField(body, 'token', { required: true });
      const userId = await this.loginTokens.consume(token);
      const account = userId === null ? null : await this.accounts.find(this.transactions.reader, userId);
      if (!account) throw new MatrixError('M_FORBIDDEN', 403, 'Invalid login token');
      return account;
    }
    throw new MatrixError('M_UNKNOWN', 400, 'Bad login type.');
  }
}
