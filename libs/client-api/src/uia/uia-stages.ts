import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGIN_DUMMY, LOGIN_PASSWORD, LOGIN_REGISTRATION_TOKEN, MatrixError } from '@switchboard/protocol';
import { RegistrationTokensRepository, Transactions, Tx } from '@switchboard/storage';
import { CredentialsService } from '../accounts/credentials.service';
import { isJsonObject, JsonObject, stringField } from '../accounts/request-body';
import { EmailValidationService } from '../threepid/email-validation.service';
import { LOGIN_EMAIL_IDENTITY, LOGIN_RECAPTCHA, LOGIN_SSO } from './login-types';
import { RecaptchaVerifier } from './recaptcha-verifier';

export type StageResult =
  | { ok: true; userId?: string; results?: Record<string, unknown> }
  | { ok: false; failure: { errcode: string; error: string } };

/** The session result key of a validated `m.login.email.identity` stage: {medium, address, validated_at}. */
export const THREEPID_RESULT = 'threepid';

/** The stages whose check reads or calls out, done before the session's transaction: see UiaStages.verify. */
const VERIFIED_BEFORE = [LOGIN_PASSWORD, LOGIN_RECAPTCHA, LOGIN_EMAIL_IDENTITY];

/** The authentication types of client-server-api "Authentication types" this server offers. */
@Injectable()
export class UiaStages {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly credentials: CredentialsService,
    private readonly registrationTokens: RegistrationTokensRepository,
    private readonly recaptcha: RecaptchaVerifier,
    private readonly email: EmailValidationService,
  ) {}

  /** Whether single sign-on can complete an `m.login.sso` stage. */
  ssoEnabled(): boolean {
    return this.config.cas.server_url !== null;
  }

  /**
   * Stages the server checks even where no flow lists them: a configured reCAPTCHA, as Synapse
   * does (SyTest "Register with a recaptcha" completes it against flows that do not offer it).
   */
  acceptsUnlisted(type: string): boolean {
    return type === LOGIN_RECAPTCHA && this.recaptcha.enabled();
  }

  /** The 401's `params` for the stages of `flows`. */
  params(flows: readonly (readonly string[])[]): Record<string, Record<string, unknown>> {
    const offered = flows.flat();
    return offered.includes(LOGIN_RECAPTCHA) ? { [LOGIN_RECAPTCHA]: this.recaptcha.params() } : {};
  }

  /**
   * The checks of `m.login.password` (argon2 is slow), `m.login.recaptcha` (an HTTP call) and
   * `m.login.email.identity`, run before the session is locked: the embedded database has one
   * connection that a transaction would hold meanwhile. `userId` is the requester: a password
   * must prove that account, not another. Undefined for the other stages.
   */
  async verify(auth: JsonObject, userId: string | null): Promise<StageResult | undefined> {
    switch (auth.type) {
      case LOGIN_PASSWORD:
        return this.checkPassword(auth, userId);
      case LOGIN_RECAPTCHA:
        return this.recaptcha.enabled() ? this.recaptcha.verify(auth) : undefined;
      case LOGIN_EMAIL_IDENTITY:
        return this.checkEmail(auth);
      default:
        return undefined;
    }
  }

  /** Checks one stage's auth dict in the session's transaction; `verified` is verify's result. */
  async check(
    tx: Tx,
    type: string,
    auth: JsonObject,
    verified: StageResult | undefined,
  ): Promise<StageResult> {
    if (VERIFIED_BEFORE.includes(type)) {
      return verified ?? { ok: false, failure: { errcode: 'M_FORBIDDEN', error: `${type} failed` } };
    }
    switch (type) {
      case LOGIN_DUMMY:
        // "Dummy authentication always succeeds and requires no extra parameters."
        return { ok: true };
      case LOGIN_REGISTRATION_TOKEN: {
        const token = stringField(auth, 'token', { required: true });
        if (!(await this.registrationTokens.reserve(tx, token, Date.now()))) {
          return { ok: false, failure: { errcode: 'M_UNAUTHORIZED', error: 'Invalid registration token' } };
        }
        return { ok: true, results: { registration_token: token } };
      }
      case LOGIN_SSO:
        // Completed by the single sign-on itself (its ticket names the session), never by a request.
        return {
          ok: false,
          failure: { errcode: 'M_FORBIDDEN', error: 'Complete m.login.sso through single sign-on' },
        };
      default:
        throw new MatrixError('M_UNRECOGNIZED', 400, `Unsupported authentication type ${type}`);
    }
  }

  private async checkPassword(auth: JsonObject, userId: string | null): Promise<StageResult> {
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

  /** `threepid_creds` (`threepidCreds` in older clients) of a session whose mail link was followed. */
  private async checkEmail(auth: JsonObject): Promise<StageResult> {
    const creds = auth.threepid_creds ?? auth.threepidCreds;
    if (!isJsonObject(creds))
      throw new MatrixError('M_MISSING_PARAM', 400, 'Missing parameter: threepid_creds');
    try {
      const threepid = await this.email.validated(creds);
      return {
        ok: true,
        results: {
          [THREEPID_RESULT]: {
            medium: threepid.medium,
            address: threepid.address,
            validated_at: threepid.validatedAt,
          },
        },
      };
    } catch (err) {
      if (err instanceof MatrixError && err.errcode === 'M_THREEPID_AUTH_FAILED')
        return { ok: false, failure: { errcode: err.errcode, error: err.message } };
      throw err;
    }
  }
}
