import { Inject, Injectable } from '@nestjs/common';
import { Logger } from 'pino';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { LOGGER } from '@switchboard/observability';
import { MatrixError, validateNewUserLocalpart } from '@switchboard/protocol';
import { AccountsRepository, Transactions } from '@switchboard/storage';
import { OutboundHttp } from '@switchboard/http';
import { casUser } from './cas-response';
import { ssoLocalpart } from './sso-localpart';

/**
 * Where CAS sends the browser back with its ticket. The r0 path is Synapse's, which clients and
 * SyTest know (its "Can login with new user via CAS" checks the `service` URL exactly); the
 * server routes r0 paths as v3 (see rewriteR0Prefix), so the handler is at CAS_TICKET_ROUTE.
 */
export const CAS_TICKET_PATH = '/_matrix/client/r0/login/cas/ticket';
export const CAS_TICKET_ROUTE = '/_matrix/client/v3/login/cas/ticket';

/** What the browser came back for: a login (then redirectUrl) or a UIA session to complete. */
export type CasPurpose = { redirectUrl: string } | { session: string };

/** Single sign-on through a CAS server (client-server-api "Client login via SSO"). */
@Injectable()
export class CasService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly http: OutboundHttp,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  enabled(): boolean {
    return this.config.cas.server_url !== null;
  }

  /** The CAS login page, with the service URL it sends the browser back to. */
  loginUrl(purpose: CasPurpose): string {
    const server = this.serverUrl();
    return `${server}/login?service=${encodeURIComponent(this.serviceUrl(purpose))}`;
  }

  /**
   * Asks CAS whether `ticket` was issued for the service URL of `purpose`; the Matrix user it
   * names, or 403 M_FORBIDDEN. A login registers the account on first use; a UIA session only
   * learns who signed on.
   */
  async userFor(ticket: string, purpose: CasPurpose): Promise<string> {
    const query = `ticket=${encodeURIComponent(ticket)}&service=${encodeURIComponent(this.serviceUrl(purpose))}`;
    let name: string | null = null;
    try {
      const answer = await this.http.send(`${this.serverUrl()}/proxyValidate?${query}`);
      if (answer.status === 200) name = casUser(answer.body);
    } catch (err) {
      this.logger.warn({ err }, 'CAS ticket validation failed');
      throw new MatrixError('M_UNKNOWN', 502, 'The CAS server could not be reached');
    }
    if (name === null) throw new MatrixError('M_FORBIDDEN', 403, 'CAS did not accept the ticket');
    const localpart = ssoLocalpart(name);
    validateNewUserLocalpart(localpart, this.config.server_name);
    const userId = `@${localpart}:${this.config.server_name}`;
    if ('redirectUrl' in purpose) await this.ensureAccount(userId);
    return userId;
  }

  private async ensureAccount(userId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const account = await this.accounts.find(tx, userId);
      if (account?.deactivated)
        throw new MatrixError('M_USER_DEACTIVATED', 403, 'This account has been deactivated');
      if (account) return;
      // A first single sign-on registers the account; it has no password.
      await this.accounts.create(tx, {
        userId,
        passwordHash: null,
        admin: false,
        isGuest: false,
        userType: null,
        createdTs: Date.now(),
      });
    });
  }

  private serviceUrl(purpose: CasPurpose): string {
    const base = this.config.public_baseurl.replace(/\/+$/, '');
    const query =
      'session' in purpose
        ? `session=${encodeURIComponent(purpose.session)}`
        : `redirectUrl=${encodeURIComponent(purpose.redirectUrl)}`;
    return `${base}${CAS_TICKET_PATH}?${query}`;
  }

  private serverUrl(): string {
    const url = this.config.cas.server_url;
    if (url === null) throw new MatrixError('M_UNRECOGNIZED', 404, 'Single sign-on is not configured');
    return url.replace(/\/+$/, '');
  }
}
