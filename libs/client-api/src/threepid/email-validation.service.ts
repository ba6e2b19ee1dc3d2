import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { MatrixError, RequestTokenResponse } from '@switchboard/protocol';
import { ThreepidsRepository, ThreepidValidationRow, Transactions } from '@switchboard/storage';
import { JsonObject, numberField, stringField } from '../accounts/request-body';
import { newOpaqueId } from '../accounts/tokens';
import { sendMail } from './smtp-client';

/** Where the link in a validation mail points, below public_baseurl (not a Matrix API path). */
export const SUBMIT_TOKEN_PATH = '/_switchboard/client/email/submit_token';

/** "client_secret ... MUST be a string of 1 to 255 characters matching [0-9a-zA-Z.=_-]". */
const CLIENT_SECRET = /^[0-9a-zA-Z.=_-]{1,255}$/;
/** A rough check (something@something, nothing that would break the SMTP envelope); the mail itself proves the address. */
const EMAIL = /^[^\s@<>]+@[^\s@<>]+$/;
/** How long a validation session can be used to add or register the address. */
const SESSION_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** `reset`: POST /account/password/email/requestToken, for an address an account already has. */
export type EmailPurpose = 'register' | 'add' | 'reset';

/** A validated third-party identifier, as a session proved it. */
export interface ValidatedThreepid {
  medium: string;
  address: string;
  validatedAt: number;
}

/**
 * The homeserver's own e-mail validation (client-server-api "Adding Account Administrative Contact
 * Information" and the registration `requestToken`): the server mails a link with a token, the
 * user follows it, and the session (`sid`, `client_secret`) is then proof of the address.
 */
@Injectable()
export class EmailValidationService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly threepids: ThreepidsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  enabled(): boolean {
    return this.config.email.smtp_host !== null;
  }

  /**
   * POST /register/email/requestToken and /account/3pid/email/requestToken. "If
   * `send_attempt` ... is the same as a previous request and the `client_secret` and `email`
   * match, the server SHOULD NOT re-send the email". M_THREEPID_IN_USE when an account already
   * has the address, except for a password reset, which needs one (M_THREEPID_NOT_FOUND).
   */
  async requestToken(purpose: EmailPurpose, body: JsonObject): Promise<RequestTokenResponse> {
    const clientSecret = stringField(body, 'client_secret', { required: true });
    const email = stringField(body, 'email', { required: true });
    const sendAttempt = numberField(body, 'send_attempt', { integer: true });
    if (sendAttempt === undefined)
      throw new MatrixError('M_MISSING_PARAM', 400, 'Missing parameter: send_attempt');
    if (!CLIENT_SECRET.test(clientSecret))
      throw new MatrixError('M_INVALID_PARAM', 400, 'client_secret must match [0-9a-zA-Z.=_-]{1,255}');
    if (!EMAIL.test(email)) throw new MatrixError('M_INVALID_PARAM', 400, 'Invalid email address');
    if (!this.enabled())
      throw new MatrixError('M_THREEPID_MEDIUM_NOT_SUPPORTED', 400, 'This server does not send e-mail');
    const address = email.toLowerCase();
    const reader = this.transactions.reader;
    const owner = await this.threepids.ownerOf(reader, 'email', address);
    if (purpose === 'reset' && owner === null) {
      throw new MatrixError('M_THREEPID_NOT_FOUND', 400, 'Email not found');
    }
    if (purpose !== 'reset' && owner !== null) {
      throw new MatrixError('M_THREEPID_IN_USE', 400, 'Email is already in use');
    }
    const now = Date.now();
    const existing = await this.threepids.findValidation(reader, 'email', address, clientSecret);
    if (existing && existing.createdTs + SESSION_LIFETIME_MS > now) {
      if (sendAttempt > existing.sendAttempt) {
        await this.threepids.setSendAttempt(reader, existing.sessionId, sendAttempt);
        await this.mail(existing, purpose);
      }
      return this.response(existing.sessionId);
    }
    const session: ThreepidValidationRow = {
      sessionId: newOpaqueId(),
      medium: 'email',
      address,
      clientSecret,
      token: randomBytes(24).toString('base64url'),
      sendAttempt,
      validatedAt: null,
      createdTs: now,
    };
    await this.threepids.createValidation(reader, session);
    await this.mail(session, purpose);
    return this.response(session.sessionId);
  }

  /** The link's target (GET) and submit_url (POST): the token proves the address. */
  async submitToken(sid: string, clientSecret: string, token: string): Promise<void> {
    const session = await this.threepids.getValidation(this.transactions.reader, sid);
    if (!session || session.clientSecret !== clientSecret || session.token !== token) {
      throw new MatrixError('M_UNKNOWN', 400, 'Unknown session or wrong token');
    }
    if (session.createdTs + SESSION_LIFETIME_MS <= Date.now())
      throw new MatrixError('M_UNKNOWN', 400, 'This validation session has expired');
    await this.threepids.markValidated(this.transactions.reader, sid, Date.now());
  }

  /**
   * The address a validated session proves ("threepid_creds": `sid` and `client_secret`), or
   * M_THREEPID_AUTH_FAILED.
   */
  async validated(creds: JsonObject): Promise<ValidatedThreepid> {
    const sid = stringField(creds, 'sid', { required: true });
    const clientSecret = stringField(creds, 'client_secret', { required: true });
    const session = await this.threepids.getValidation(this.transactions.reader, sid);
    if (
      !session ||
      session.clientSecret !== clientSecret ||
      session.validatedAt === null ||
      session.createdTs + SESSION_LIFETIME_MS <= Date.now()
    ) {
      throw new MatrixError('M_THREEPID_AUTH_FAILED', 401, 'The third-party identifier was not validated');
    }
    return { medium: session.medium, address: session.address, validatedAt: session.validatedAt };
  }

  private response(sid: string): RequestTokenResponse {
    return { sid, submit_url: `${this.baseUrl()}${SUBMIT_TOKEN_PATH}` };
  }

  private async mail(session: ThreepidValidationRow, purpose: EmailPurpose): Promise<void> {
    const query = new URLSearchParams({
      token: session.token,
      client_secret: session.clientSecret,
      sid: session.sessionId,
    });
    const link = `${this.baseUrl()}${SUBMIT_TOKEN_PATH}?${query.toString()}`;
    const what = {
      register: 'register an account with',
      add: 'add to your account',
      reset: 'reset the password of the account with',
    }[purpose];
    try {
      await sendMail(this.config.email.smtp_host!, this.config.email.smtp_port, {
        from: this.config.email.notif_from,
        to: session.address,
        subject: `Validate your e-mail address on ${this.config.server_name}`,
        text:
          `A request was made to ${what} this e-mail address on ${this.config.server_name}.\n` +
          `To confirm it, open this link:\n\n${link}\n\nIf it was not you, ignore this mail.\n`,
      });
    } catch (err) {
      this.logger.warn({ err }, 'validation mail not sent');
      throw new MatrixError('M_UNKNOWN', 500, 'The validation e-mail could not be sent');
    }
  }

  private baseUrl(): string {
    return this.config.public_baseurl.replace(/\/+$/, '');
  }
}
