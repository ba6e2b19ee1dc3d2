import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError, RegisterResponse, validateNewUserLocalpart } from '@switchboard/protocol';
import { AccountsRepository, RegistrationNoncesRepository, Transactions } from '@switchboard/storage';
import { hashPassword } from '../accounts/password-hash';
import { booleanField, JsonObject, stringField } from '../accounts/request-body';
import { SessionsService } from '../accounts/sessions.service';
import { macMatches, sharedSecretMac } from './shared-secret-mac';

/** Synapse's NONCE_TIMEOUT: a nonce is good for 60 seconds. */
const NONCE_LIFETIME_MS = 60_000;
/** Synapse's UserTypes.ALL_USER_TYPES. */
const USER_TYPES = ['support', 'bot'];

/**
 * Shared-secret registration as Synapse defines it (synapse/rest/admin/users.py
 * UserRegisterServlet), so `register_new_matrix_user` and other tools work against Switchboard.
 * Errors, their order and their messages follow Synapse's.
 */
@Injectable()
export class AdminRegisterService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly nonces: RegistrationNoncesRepository,
    private readonly accounts: AccountsRepository,
    private readonly sessions: SessionsService,
  ) {}

  async nonce(): Promise<string> {
    this.secret();
    const nonce = randomBytes(64).toString('hex');
    await this.nonces.insert(this.transactions.reader, nonce, Date.now());
    return nonce;
  }

  async register(body: JsonObject): Promise<RegisterResponse> {
    const secret = this.secret();
    const nonce = required(body, 'nonce');
    // The nonce is spent even when the request goes on to fail.
    if (
      typeof nonce !== 'string' ||
      !(await this.nonces.take(this.transactions.reader, nonce, Date.now() - NONCE_LIFETIME_MS))
    ) {
      throw bad('unrecognised nonce');
    }
    const username = textOf(required(body, 'username'), 'Invalid username');
    const password = textOf(required(body, 'password'), 'Invalid password');
    const admin = Boolean(body.admin);
    const userType = body.user_type ?? null;
    if (userType !== null && (typeof userType !== 'string' || !USER_TYPES.includes(userType))) {
      throw bad('Invalid user type');
    }
    const mac = required(body, 'mac');
    const want = sharedSecretMac(secret, { nonce, username, password, admin, userType });
    if (typeof mac !== 'string' || !macMatches(want, mac))
      throw new MatrixError('M_UNKNOWN', 403, 'HMAC incorrect');
    if (body.refresh_token !== undefined && typeof body.refresh_token !== 'boolean') {
      throw bad('refresh_token must be a boolean');
    }
    const { localpart } = validateNewUserLocalpart(username.toLowerCase(), this.config.server_name);
    const userId = `@${localpart}:${this.config.server_name}`;
    const passwordHash = await hashPassword(password);
    return this.transactions.run(async (tx) => {
      await this.accounts.create(tx, {
        userId,
        passwordHash,
        admin,
        isGuest: false,
        userType,
        createdTs: Date.now(),
      });
      const result = { user_id: userId, home_server: this.config.server_name };
      if (booleanField(body, 'inhibit_login')) return result;
      const session = await this.sessions.issue(tx, {
        userId,
        deviceId: stringField(body, 'device_id'),
        initialDisplayName: stringField(body, 'initial_device_display_name'),
        withRefreshToken: body.refresh_token === true,
      });
      return {
        ...result,
        access_token: session.accessToken,
        device_id: session.deviceId,
        ...(session.refreshToken !== undefined
          ? { refresh_token: session.refreshToken, expires_in_ms: session.expiresInMs }
          : {}),
      };
    });
  }

  private secret(): string {
    const secret = this.config.registration.shared_secret;
    if (!secret) throw bad('Shared secret registration is not enabled');
    return secret;
  }
}

function required(body: JsonObject, key: string): unknown {
  if (!(key in body)) throw new MatrixError('M_BAD_JSON', 400, `${key} must be specified`);
  return body[key];
}

/** Synapse refuses non-strings, more than 512 characters and NUL (the MAC's separator). */
function textOf(value: unknown, message: string): string {
  if (typeof value !== 'string' || value.length > 512 || value.includes('\0')) throw bad(message);
  return value;
}

function bad(message: string): MatrixError {
  return new MatrixError('M_UNKNOWN', 400, message);
}
