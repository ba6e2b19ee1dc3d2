import { Injectable } from '@nestjs/common';
import { LOGIN_DUMMY, LOGIN_PASSWORD, LOGIN_REGISTRATION_TOKEN, MatrixError } from '@switchboard/protocol';
import { RegistrationTokensRepository, Transactions, Tx } from '@switchboard/storage';
import { CredentialsService } from '../accounts/credentials.service';
import { JsonObject, stringField } from '../accounts/request-body';

export type StageResult =
  | { ok: true; userId?: string; results?: Record<string, unknown> }
  | { ok: false; failure: { errcode: string; error: string } };

/** The authentication types of client-server-api "Authentication types" this server offers. */
@Injectable()
export class UiaStages {
  constructor(
    private readonly transactions: Transactions,
    private readonly credentials: CredentialsService,
    private readonly registrationTokens: RegistrationTokensRepository,
  ) {}

  /**
   * The `m.login.password` check, run before the session is locked: argon2 is slow, and the
   * embedded database has one connection that a transaction would hold meanwhile. `userId` is
   * the requester: the password must prove that account, not another.
   */
  async checkPassword(auth: JsonObject, userId: string | null): Promise<StageResult> {
    const password = stringField(auth, 'password', { required: true });
    const account = await this.credentials.check(this.transactions.reader, auth, password);
    if (!account || account.deactivated) {
      return { ok: false, failure: { errcode: 'M_FORBIDDEN', error: 'Invalid password' } };
    }
    if (userId !== null && account.userId !== userId) {
      // The right password of another account: not a failed stage to retry but a refusal (403, as
      // Synapse answers; SyTest "DELETE /device/{deviceId} requires UI auth user to match device owner").
      throw new MatrixError(
        'M_FORBIDDEN',
        403,
        'Invalid auth: the password is not that of the requesting user',
      );
    }
    return { ok: true, userId: account.userId };
  }

  /** Checks one stage's auth dict in the session's transaction; `password` is checkPassword's result. */
  async check(
    tx: Tx,
    type: string,
    auth: JsonObject,
    password: StageResult | undefined,
  ): Promise<StageResult> {
    switch (type) {
      case LOGIN_DUMMY:
        // "Dummy authentication always succeeds and requires no extra parameters."
        return { ok: true };
      case LOGIN_PASSWORD:
        return password ?? { ok: false, failure: { errcode: 'M_FORBIDDEN', error: 'Invalid password' } };
      case LOGIN_REGISTRATION_TOKEN: {
        const token = stringField(auth, 'token', { required: true });
        if (!(await this.registrationTokens.reserve(tx, token, Date.now()))) {
          return { ok: false, failure: { errcode: 'M_UNAUTHORIZED', error: 'Invalid registration token' } };
        }
        return { ok: true, results: { registration_token: token } };
      }
      default:
        throw new MatrixError('M_UNRECOGNIZED', 400, `Unsupported authentication type ${type}`);
    }
  }
}
