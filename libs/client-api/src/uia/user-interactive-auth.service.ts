import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuthChallenge,
  AuthResponse,
  canonicalJson,
  LOGIN_PASSWORD,
  MatrixError,
} from '@switchboard/protocol';
import {
  RegistrationTokensRepository,
  Transactions,
  Tx,
  UiaSessionRow,
  UiaSessionsRepository,
} from '@switchboard/storage';
import { isJsonObject, JsonObject } from '../accounts/request-body';
import { UIA_SESSION_LIFETIME_MS } from '../accounts/session-timings';
import { newOpaqueId } from '../accounts/tokens';
import { LOGIN_SSO } from './login-types';
import { Flows, isFlowComplete, isNextStage, offersStage } from './uia-flows';
import { StageResult, UiaStages } from './uia-stages';

export interface UiaRequest {
  /** Method and path, e.g. `DELETE /_matrix/client/v3/devices/ABCDEF`. */
  operation: string;
  /** What the request asks for beyond its path: a session only ever authorises this request. */
  subject?: unknown;
  /** The access token's user; a password stage must then authenticate this very user. */
  userId: string | null;
  flows: Flows;
  /**
   * What to remember of the request when it starts a session (registration: its parameters, the
   * password only as a hash), for `recall` to give to later requests of the session.
   */
  params?: JsonObject;
}

/** What earlier requests of a session left: the first one's params, and what completed stages and operations recorded. */
export interface UiaMemory {
  params: JsonObject;
  results: JsonObject;
}

/** A completed authentication, for the operation to act on and then `finish`. */
export interface UiaOutcome {
  sessionId: string;
  /** The requester, or the account a password stage authenticated. */
  userId: string | null;
  /** The registration token an `m.login.registration_token` stage reserved a use of. */
  registrationToken?: string;
  /** What the stages, and an earlier completion of the operation (`finishKeeping`), recorded. */
  results: JsonObject;
}

const REGISTRATION_TOKEN_RESULT = 'registration_token';

/**
 * client-server-api "User-Interactive Authentication API". `authenticate` returns once a flow is
 * complete and otherwise throws the 401 AuthChallenge. The session stays usable until the
 * operation calls `finish` in its own transaction, so an operation that fails after
 * authentication can be retried with the same session ("Completed stages cannot be retried by
 * clients, therefore servers must return either a 401 response with the completed stages, or the
 * result of the API call").
 */
@Injectable()
export class UserInteractiveAuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly sessions: UiaSessionsRepository,
    private readonly registrationTokens: RegistrationTokensRepository,
    private readonly stages: UiaStages,
  ) {}

  async authenticate(auth: unknown, request: UiaRequest): Promise<UiaOutcome> {
    if (auth !== undefined && auth !== null && !isJsonObject(auth)) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'Parameter auth must be an object');
    }
    const dict = isJsonObject(auth) ? auth : undefined;
    const now = Date.now();
    const flows = this.flowsFor(request);
    // Checked before the session is locked (see UiaStages.verify).
    const type = dict?.type;
    const verified =
      typeof type === 'string' && (offersStage(flows, type) || this.stages.acceptsUnlisted(type))
        ? await this.stages.verify(dict!, request.userId)
        : undefined;
    const { session, failure } = await this.transactions.run(async (tx) => {
      const current = await this.sessionFor(tx, dict, request, now);
      if (type === undefined || type === null || isFlowComplete(flows, progress(flows, current)))
        return { session: current };
      return this.attempt(tx, current, dict!, flows, verified);
    });
    if (isFlowComplete(flows, progress(flows, session))) {
      const token = session.results[REGISTRATION_TOKEN_RESULT];
      return {
        sessionId: session.sessionId,
        userId: session.userId,
        ...(typeof token === 'string' ? { registrationToken: token } : {}),
        results: session.results,
      };
    }
    throw new AuthChallenge(this.challenge(session, flows), failure);
  }

  /**
   * Completes a stage that happens outside the API, `m.login.sso`: the single sign-on names the
   * session and the user it authenticated. The session then belongs to that user, so a request
   * of another user continuing it is refused (client-server-api "Single Sign-On": "the homeserver
   * ... must check that the user ID ... matches").
   */
  async completeOutOfBand(sessionId: string, stage: string, userId: string): Promise<boolean> {
    return this.transactions.run(async (tx) => {
      const session = await this.sessions.lock(tx, sessionId, Date.now());
      if (!session) return false;
      const completed = session.completed.includes(stage) ? session.completed : [...session.completed, stage];
      await this.sessions.update(tx, sessionId, { userId, completed, results: session.results });
      return true;
    });
  }

  /** Whether a live session exists: for the single sign-on page to refuse an unknown one early. */
  async exists(sessionId: string): Promise<boolean> {
    return this.transactions.run(
      async (tx) => (await this.sessions.lock(tx, sessionId, Date.now())) !== null,
    );
  }

  /** Ends the session of a completed operation; call it in the operation's transaction. */
  async finish(tx: Tx, outcome: UiaOutcome): Promise<void> {
    await this.sessions.delete(tx, outcome.sessionId);
  }

  /**
   * Ends a completed operation but keeps its session until it expires, with `results` recorded, so
   * that a retry of the same request can be answered with the same result ("servers must return
   * either a 401 response with the completed stages, or the result of the API call"). A registration
   * token the session reserved counts as consumed by the operation, so it is no longer released at expiry.
   */
  async finishKeeping(tx: Tx, outcome: UiaOutcome, results: JsonObject): Promise<void> {
    const session = await this.sessions.lock(tx, outcome.sessionId, Date.now());
    if (!session) return;
    const kept = { ...session.results, ...results };
    delete kept[REGISTRATION_TOKEN_RESULT];
    await this.sessions.update(tx, session.sessionId, { ...session, results: kept });
  }

  /**
   * What earlier requests of the session named in `auth` left, or null when `auth` names none that
   * is live for `operation`. Read without a lock: for what an operation must decide before
   * `authenticate` (which then checks the session properly).
   */
  async recall(auth: unknown, operation: string): Promise<UiaMemory | null> {
    const sessionId = isJsonObject(auth) ? auth.session : undefined;
    if (typeof sessionId !== 'string') return null;
    const session = await this.transactions.run((tx) => this.sessions.lock(tx, sessionId, Date.now()));
    if (!session || session.operation !== operation) return null;
    return { params: session.params, results: session.results };
  }

  private async sessionFor(
    tx: Tx,
    auth: JsonObject | undefined,
    request: UiaRequest,
    now: number,
  ): Promise<UiaSessionRow> {
    const requestHash = hashOf(request);
    const sessionId = auth?.session ?? undefined;
    if (sessionId === undefined) return this.start(tx, request, requestHash, now);
    if (typeof sessionId !== 'string')
      throw new MatrixError('M_INVALID_PARAM', 400, 'Parameter session must be a string');
    const session = await this.sessions.lock(tx, sessionId, now);
    if (!session) throw new MatrixError('M_UNKNOWN', 400, `Unknown session ID: ${sessionId}`);
    const otherUser = request.userId !== null && session.userId !== null && session.userId !== request.userId;
    if (session.operation !== request.operation || session.requestHash !== requestHash || otherUser) {
      throw new MatrixError(
        'M_FORBIDDEN',
        403,
        'Requested operation has changed during the UI authentication session.',
      );
    }
    return session;
  }

  private async start(tx: Tx, request: UiaRequest, requestHash: string, now: number): Promise<UiaSessionRow> {
    for (const expired of await this.sessions.deleteExpired(tx, now)) {
      const token = expired.results[REGISTRATION_TOKEN_RESULT];
      if (typeof token === 'string') await this.registrationTokens.release(tx, token);
    }
    const session: UiaSessionRow = {
      sessionId: newOpaqueId(),
      operation: request.operation,
      requestHash,
      userId: request.userId,
      completed: [],
      params: request.params ?? {},
      results: {},
      createdTs: now,
      expiresTs: now + UIA_SESSION_LIFETIME_MS,
    };
    await this.sessions.create(tx, session);
    return session;
  }

  /**
   * A user's own operations (those that name the requester) can also be authorised by single
   * sign-on wherever a password can, when it is configured.
   */
  private flowsFor(request: UiaRequest): Flows {
    const sso =
      this.stages.ssoEnabled() &&
      request.userId !== null &&
      offersStage(request.flows, LOGIN_PASSWORD) &&
      !offersStage(request.flows, LOGIN_SSO);
    return sso ? [...request.flows, [LOGIN_SSO]] : request.flows;
  }

  private async attempt(
    tx: Tx,
    session: UiaSessionRow,
    auth: JsonObject,
    flows: Flows,
    verified: StageResult | undefined,
  ): Promise<{ session: UiaSessionRow; failure?: { errcode: string; error: string } }> {
    const type = auth.type;
    if (typeof type !== 'string')
      throw new MatrixError('M_INVALID_PARAM', 400, 'Parameter auth.type must be a string');
    const listed = offersStage(flows, type);
    if (!listed && !this.stages.acceptsUnlisted(type)) {
      throw new MatrixError('M_UNRECOGNIZED', 400, `Authentication type ${type} is not offered here`);
    }
    if (session.completed.includes(type)) return { session };
    if (listed && !isNextStage(flows, progress(flows, session), type)) {
      return {
        session,
        failure: { errcode: 'M_FORBIDDEN', error: `${type} is not the next stage of any flow` },
      };
    }
    const result = await this.stages.check(tx, type, auth, verified);
    if (!result.ok) return { session, failure: result.failure };
    const updated: UiaSessionRow = {
      ...session,
      userId: result.userId ?? session.userId,
      completed: [...session.completed, type],
      results: { ...session.results, ...result.results },
    };
    await this.sessions.update(tx, session.sessionId, updated);
    return { session: updated };
  }

  private challenge(session: UiaSessionRow, flows: Flows): AuthResponse {
    return {
      flows: flows.map((stages) => ({ stages: [...stages] })),
      params: this.stages.params(flows),
      session: session.sessionId,
      // Always present, empty at first, as Synapse sends it (SyTest checks for the key).
      completed: session.completed,
    };
  }
}

/** The completed stages that count towards a flow: those some flow lists, in order. */
function progress(flows: Flows, session: UiaSessionRow): string[] {
  return session.completed.filter((stage) => offersStage(flows, stage));
}

function hashOf(request: UiaRequest): string {
  return createHash('sha256')
    .update(canonicalJson({ subject: request.subject ?? null }))
    .digest('base64');
}
