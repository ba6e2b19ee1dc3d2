import { Inject, Injectable } from '@nestjs/common';
import { AppserviceRegistry } from '@switchboard/appservice';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import {
  AccountKind,
  LOGIN_DUMMY,
  LOGIN_REGISTRATION_TOKEN,
  MatrixError,
  register,
  RegisterResponse,
  validateNewUserLocalpart,
} from '@switchboard/protocol';
import {
  AccountsRepository,
  RegistrationTokensRepository,
  ThreepidsRepository,
  Transactions,
  Tx,
} from '@switchboard/storage';
import { hashPassword } from '../accounts/password-hash';
import { booleanField, isJsonObject, JsonObject, stringField } from '../accounts/request-body';
import { SessionsService } from '../accounts/sessions.service';
import { newLocalpart } from '../accounts/tokens';
import { GuestUpgradeService } from '../guest_access/guest-upgrade.service';
import { EmailValidationService } from '../threepid/email-validation.service';
import { LOGIN_EMAIL_IDENTITY, LOGIN_RECAPTCHA } from '../uia/login-types';
import { Flows } from '../uia/uia-flows';
import { THREEPID_RESULT } from '../uia/uia-stages';
import { UserInteractiveAuthService } from '../uia/user-interactive-auth.service';
import { registerResponse } from './register-response';

/** UIA session keys: the user a session registered, and the hash of the password its first request gave. */
const REGISTERED_USER_ID = 'registered_user_id';
const PASSWORD_HASH = 'password_hash';

function withoutKey(obj: JsonObject, key: string): JsonObject {
  const { [key]: _omitted, ...rest } = obj;
  return rest;
}

function definedOnly(obj: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined));
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** POST /register and GET /register/available (client-server-api "Account registration"). */
@Injectable()
export class RegistrationService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly registrationTokens: RegistrationTokensRepository,
    private readonly sessions: SessionsService,
    private readonly uia: UserInteractiveAuthService,
    private readonly threepids: ThreepidsRepository,
    private readonly email: EmailValidationService,
    private readonly guestUpgrade: GuestUpgradeService,
    private readonly appservices: AppserviceRegistry,
  ) {}

  /** The user ID a username maps to, unchecked (see checkAvailable). */
  private userIdOf(username: string | undefined): string | undefined {
    return username === undefined ? undefined : `@${username.toLowerCase()}:${this.config.server_name}`;
  }

  async register(kind: AccountKind, body: JsonObject): Promise<RegisterResponse> {
    this.assertEnabled();
    if (kind === 'guest') return this.registerGuest(body);
    const operation = `${register.method} ${register.path}`;
    // A request of a session may leave out the parameters the first one sent, which the session
    // remembers (Synapse does; SyTest "registration remembers parameters"): a request with none
    // but `auth` uses them. The password is remembered only as its hash.
    const earlier = await this.uia.recall(body.auth, operation);
    const given = withoutKey(body, 'auth');
    const params = Object.keys(given).length > 0 || earlier === null ? given : earlier.params;
    const username = stringField(params, 'username');
    const password = stringField(params, 'password');
    const deviceId = stringField(params, 'device_id');
    const initialDisplayName = stringField(params, 'initial_device_display_name');
    const inhibitLogin = booleanField(params, 'inhibit_login') ?? false;
    const withRefreshToken = booleanField(params, 'refresh_token') ?? false;
    // The user an earlier request of this session registered: a retry gets that account again
    // ("servers must return either a 401 response with the completed stages, or the result of the
    // API call"; SyTest "registration is idempotent").
    const registered = stringOf(earlier?.results[REGISTERED_USER_ID]);
    // "Homeservers MUST perform the relevant checks and return these codes before performing
    // User-Interactive Authentication".
    const guest = await this.guestUpgrade.guestFor(params.guest_access_token, this.userIdOf(username));
    const wanted =
      username === undefined ? undefined : await this.checkAvailable(username, registered ?? guest);
    // The hash of the first password the session saw wins, as in Synapse; a request that starts a
    // session hashes its password now, so the session never holds it in clear.
    let passwordHash = stringOf(earlier?.params[PASSWORD_HASH]);
    const startsSession = !isJsonObject(body.auth) || body.auth.session === undefined;
    if (passwordHash === undefined && password !== undefined && startsSession) {
      passwordHash = await hashPassword(password);
    }
    const flows = this.flows();
    const outcome = await this.uia.authenticate(body.auth, {
      operation,
      userId: null,
      flows,
      params: definedOnly({
        username,
        device_id: deviceId,
        initial_device_display_name: initialDisplayName,
        inhibit_login: inhibitLogin,
        refresh_token: withRefreshToken,
        [PASSWORD_HASH]: passwordHash,
      }),
    });
    const already = stringOf(outcome.results[REGISTERED_USER_ID]);
    if (already === undefined) {
      if (password === undefined && passwordHash === undefined)
        throw new MatrixError('M_MISSING_PARAM', 400, 'Missing parameter: password');
      passwordHash ??= await hashPassword(password!);
    }
    return this.transactions.run(async (tx) => {
      let userId = already;
      if (userId !== undefined && (await this.accounts.find(tx, userId))?.deactivated !== false) {
        // Never a new login for an account deactivated since the session registered it.
        throw new MatrixError('M_USER_DEACTIVATED', 403, 'This account has been deactivated.');
      }
      if (userId === undefined) {
        userId =
          guest !== undefined
            ? await this.guestUpgrade.upgrade(tx, guest, passwordHash!)
            : await this.createAccount(tx, wanted, { passwordHash: passwordHash!, isGuest: false });
        await this.bindValidatedThreepid(tx, userId, outcome.results[THREEPID_RESULT]);
        if (outcome.registrationToken !== undefined)
          await this.registrationTokens.consume(tx, outcome.registrationToken);
        await this.uia.finishKeeping(tx, outcome, { [REGISTERED_USER_ID]: userId });
      }
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

  /**
   * One flow of the base stage (dummy, or the registration token when required), and one that
   * proves an e-mail address instead when this server sends mail; a required reCAPTCHA comes
   * first in each.
   */
  private flows(): Flows {
    const base = this.config.registration.require_token ? LOGIN_REGISTRATION_TOKEN : LOGIN_DUMMY;
    const flows: string[][] = [[base]];
    if (this.email.enabled())
      flows.push(base === LOGIN_DUMMY ? [LOGIN_EMAIL_IDENTITY] : [LOGIN_EMAIL_IDENTITY, base]);
    if (this.config.recaptcha.required_for_registration && this.config.recaptcha.private_key !== null)
      return flows.map((flow) => [LOGIN_RECAPTCHA, ...flow]);
    return flows;
  }

  /** The address an `m.login.email.identity` stage proved becomes the new account's. */
  private async bindValidatedThreepid(tx: Tx, userId: string, threepid: unknown): Promise<void> {
    if (!isJsonObject(threepid)) return;
    const bound = await this.threepids.add(tx, {
      userId,
      medium: String(threepid.medium),
      address: String(threepid.address),
      validatedAt: Number(threepid.validated_at),
      addedAt: Date.now(),
    });
    if (!bound) throw new MatrixError('M_THREEPID_IN_USE', 400, 'This e-mail address is already in use');
  }

  /**
   * The user ID `username` maps to, if it is valid and free: M_INVALID_USERNAME, M_USER_IN_USE,
   * and M_EXCLUSIVE in an application service's exclusive namespace (application-service-api:
   * "normal users who attempt to create users ... inside an application service-defined
   * namespace will receive the same M_EXCLUSIVE error code").
   * `registered` is the user the request's UIA session already registered: that one is "free" to
   * this session, and any other is refused.
   */
  async checkAvailable(username: string, registered?: string): Promise<string> {
    this.assertEnabled();
    // The spec lets a server "map the provided username onto a user_id in a logical manner":
    // localparts are lower case, so "Alice" becomes @alice.
    const localpart = username.toLowerCase();
    validateNewUserLocalpart(localpart, this.config.server_name);
    const userId = `@${localpart}:${this.config.server_name}`;
    if (this.appservices.exclusiveOwnerOfUser(userId)) {
      throw new MatrixError('M_EXCLUSIVE', 400, 'This user ID is reserved by an application service.');
    }
    if (registered !== undefined) {
      if (userId === registered) return userId;
      throw new MatrixError(
        'M_FORBIDDEN',
        403,
        'Requested operation has changed during the UI authentication session.',
      );
    }
    if (await this.accounts.find(this.transactions.reader, userId)) {
      throw new MatrixError('M_USER_IN_USE', 400, 'Desired user ID is already taken.');
    }
    return userId;
  }

  /**
   * Whether a registration token can be used now. 403 when "The homeserver does not permit
   * registration and thus all tokens are considered invalid".
   */
  async isTokenValid(token: string): Promise<boolean> {
    if (!this.config.registration.enabled) {
      throw new MatrixError('M_FORBIDDEN', 403, 'Registration is not enabled on this homeserver.');
    }
    return this.registrationTokens.isValid(this.transactions.reader, token, Date.now());
  }

  /**
   * "When registering a guest account, all parameters in the request body with the exception of
   * `initial_device_display_name` MUST BE ignored by the server. The server MUST pick a `device_id`
   * for the account regardless of input." Guest access has no configuration key yet, so it is off.
   */
  private async registerGuest(body: JsonObject): Promise<RegisterResponse> {
    if (!this.guestAccessEnabled()) {
      throw new MatrixError('M_GUEST_ACCESS_FORBIDDEN', 403, 'Guest access is disabled');
    }
    const initialDisplayName = stringField(body, 'initial_device_display_name');
    return this.transactions.run(async (tx) => {
      const userId = await this.createAccount(tx, undefined, { passwordHash: null, isGuest: true });
      const session = await this.sessions.issue(tx, { userId, initialDisplayName, withRefreshToken: false });
      return registerResponse(this.config.server_name, userId, session);
    });
  }

  private guestAccessEnabled(): boolean {
    return this.config.registration.allow_guest_access;
  }

  private async createAccount(
    tx: Tx,
    userId: string | undefined,
    account: { passwordHash: string | null; isGuest: boolean },
  ): Promise<string> {
    const id = userId ?? `@${newLocalpart()}:${this.config.server_name}`;
    await this.accounts.create(tx, {
      userId: id,
      admin: false,
      userType: null,
      createdTs: Date.now(),
      ...account,
    });
    return id;
  }

  private assertEnabled(): void {
    if (!this.config.registration.enabled)
      throw new MatrixError('M_FORBIDDEN', 403, 'Registration is disabled');
  }
}
