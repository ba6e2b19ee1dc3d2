import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { MatrixError, redirectToIdP, redirectToSSO } from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { optionalQueryParam, queryParam } from '../accounts/request-body';
import { LOGIN_SSO } from '../uia/login-types';
import { UserInteractiveAuthService } from '../uia/user-interactive-auth.service';
import { CAS_TICKET_ROUTE, CasService } from './cas.service';
import { LoginTokensService } from './login-tokens.service';
import { authDonePage, continueToClientPage } from './sso-pages';

/** The pre-SSO CAS redirect that older clients (and SyTest) still use; not in the spec. */
const LEGACY_CAS_REDIRECT_PATH = '/_matrix/client/v3/login/cas/redirect';

/** The `idp_id` Synapse gives its CAS provider. */
const CAS_IDP_ID = 'cas';

@Controller()
export class SsoController {
  constructor(
    private readonly cas: CasService,
    private readonly loginTokens: LoginTokensService,
    private readonly uia: UserInteractiveAuthService,
  ) {}

  /**
   * GET /_matrix/client/v3/login/sso/redirect: "the server will redirect the user's browser to the
   * SSO interface", which sends it back to the CAS ticket endpoint.
   */
  @MatrixRoute(redirectToSSO)
  redirect(@Query() query: unknown, @Res() reply: FastifyReply): void {
    this.redirectToCas(query, reply);
  }

  /**
   * GET /_matrix/client/v3/login/sso/redirect/{idpId}: CAS is the one identity provider, with
   * Synapse's ID for it; another ID is 404 M_NOT_FOUND.
   */
  @MatrixRoute(redirectToIdP)
  redirectToIdP(@Param('idpId') idpId: string, @Query() query: unknown, @Res() reply: FastifyReply): void {
    if (idpId !== CAS_IDP_ID) throw new MatrixError('M_NOT_FOUND', 404, `Unknown identity provider ${idpId}`);
    this.redirectToCas(query, reply);
  }

  @Get(LEGACY_CAS_REDIRECT_PATH)
  legacyRedirect(@Query() query: unknown, @Res() reply: FastifyReply): void {
    this.redirectToCas(query, reply);
  }

  /**
   * CAS sends the browser back here with a ticket. For a login, the browser goes on to
   * `redirectUrl` with a `loginToken` "to be used with the `m.login.token` login type"; for a UIA
   * session, the `m.login.sso` stage is complete.
   */
  @Get(CAS_TICKET_ROUTE)
  async ticket(@Query() query: unknown, @Res() reply: FastifyReply): Promise<void> {
    const ticket = queryParam(query, 'ticket');
    const session = optionalQueryParam(query, 'session');
    if (session !== undefined) {
      const userId = await this.cas.userFor(ticket, { session });
      if (!(await this.uia.completeOutOfBand(session, LOGIN_SSO, userId)))
        throw new MatrixError('M_UNKNOWN', 400, `Unknown session ID: ${session}`);
      this.html(reply, authDonePage());
      return;
    }
    const redirectUrl = queryParam(query, 'redirectUrl');
    const userId = await this.cas.userFor(ticket, { redirectUrl });
    const loginToken = await this.loginTokens.issue(userId);
    const target = `${redirectUrl}${redirectUrl.includes('?') ? '&' : '?'}loginToken=${encodeURIComponent(loginToken)}`;
    // A page to continue from rather than a redirect, as Synapse does: the user sees which client
    // they are signing in to.
    this.html(reply, continueToClientPage(target));
  }

  private redirectToCas(query: unknown, reply: FastifyReply): void {
    const redirectUrl = queryParam(query, 'redirectUrl');
    if (!this.cas.enabled()) throw new MatrixError('M_UNRECOGNIZED', 404, 'Single sign-on is not configured');
    void reply.status(302).header('location', this.cas.loginUrl({ redirectUrl })).send();
  }

  private html(reply: FastifyReply, body: string): void {
    void reply.status(200).header('content-type', 'text/html; charset=utf-8').send(body);
  }
}
