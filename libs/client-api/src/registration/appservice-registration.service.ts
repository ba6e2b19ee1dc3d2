import { Inject, Injectable } from '@nestjs/common';
import { Appservice, AppserviceRegistry } from '@switchboard/appservice';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { isValidUserId, MatrixError, RegisterResponse } from '@switchboard/protocol';
import { AccountsRepository, Transactions } from '@switchboard/storage';
import { booleanField, JsonObject, stringField } from '../accounts/request-body';
import { SessionsService } from '../accounts/sessions.service';
import { appserviceLoginUnsupported } from '../login/appservice-login.service';
import { registerResponse } from './register-response';

/**
 * POST /register with `type: m.login.application_service` (application-service-api "Server admin
 * style permissions"): "bypassing the registration flows entirely", a passwordless user of the
 * calling application service's namespace. No user-interactive auth, no captcha, and allowed when
 * registration is closed to people, as the application service manages its namespace.
 */
@Injectable()
export class AppserviceRegistrationService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsService,
    private readonly registry: AppserviceRegistry,
  ) {}

  /**
   * The username is taken as given, case and all, if the ID is compliant (printable ASCII):
   * bridges derive ghosts' localparts from remote names and expect exactly that user back. "Application services which attempt to create users
   * ... outside of their defined namespaces ... will receive an error code M_EXCLUSIVE"; so does
   * one inside another's exclusive namespace.
   */
  async register(service: Appservice, body: JsonObject): Promise<RegisterResponse> {
    const username = stringField(body, 'username', { required: true });
    const deviceId = stringField(body, 'device_id');
    const initialDisplayName = stringField(body, 'initial_device_display_name');
    const inhibitLogin = booleanField(body, 'inhibit_login') ?? false;
    const withRefreshToken = booleanField(body, 'refresh_token') ?? false;
    // MSC4190: one that opted in "MUST call the endpoint with inhibit_login=true".
    if (service.registration.msc4190 && !inhibitLogin) throw appserviceLoginUnsupported();
    const userId = `@${username}:${this.config.server_name}`;
    if (username === '' || username.includes(':') || !isValidUserId(userId, { grammar: 'compliant' })) {
      throw new MatrixError('M_INVALID_USERNAME', 400, `${userId} is not a valid user ID.`);
    }
    if (
      !service.mayActAs(userId) ||
      this.registry.all().some((s) => s !== service && s.ownsUserExclusively(userId))
    ) {
      throw new MatrixError(
        'M_EXCLUSIVE',
        400,
        `${userId} is outside the namespace of this application service.`,
      );
    }
    return this.transactions.run(async (tx) => {
      await this.accounts.create(tx, {
        userId,
        passwordHash: null,
        admin: false,
        isGuest: false,
        userType: null,
        createdTs: Date.now(),
      });
      if (inhibitLogin) return { user_id: userId, home_server: this.config.server_name };
      const session = await this.sessions.issue(tx, {
        userId,
        deviceId,
        initialDisplayName,
        withRefreshToken,
      });
      return registerResponse(this.config.server_name, userId, session);
    });
  }
}
