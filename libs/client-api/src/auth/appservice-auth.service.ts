import { Injectable } from '@nestjs/common';
import { Appservice, AppserviceRegistry } from '@switchboard/appservice';
import { MatrixError } from '@switchboard/protocol';
import { AccountModerationRepository, DevicesRepository, Transactions } from '@switchboard/storage';
import { AuthenticatedRequester } from './access-token-auth.service';
import { AppserviceSenders } from './appservice-senders.service';
import { NO_DEVICE } from './requester';

/** MSC3202's name for `device_id`, which bridges written before Matrix 1.17 send. */
const UNSTABLE_DEVICE_ID = 'org.matrix.msc3202.device_id';

/**
 * Requests an application service makes with its as_token (application-service-api "Identity
 * assertion"): it acts as its own user, or as the user of its namespace that `?user_id=` names,
 * with the device `?device_id=` names. Its hs_token is no access token: it is not looked up here
 * nor among users' tokens, so it is M_UNKNOWN_TOKEN like any unknown token.
 */
@Injectable()
export class AppserviceAuthService {
  constructor(
    private readonly registry: AppserviceRegistry,
    private readonly senders: AppserviceSenders,
    private readonly transactions: Transactions,
    private readonly moderation: AccountModerationRepository,
    private readonly devices: DevicesRepository,
  ) {}

  /** The application service whose as_token this is, if any. */
  appserviceOf(token: string): Appservice | undefined {
    return this.registry.byAsToken(token);
  }

  /**
   * The requester an as_token and the request's query stand for; null when the token is not an
   * application service's. 403 M_FORBIDDEN for a user outside its namespace ("The user specified
   * in the query string must be covered by one of the application service's user namespaces"),
   * and, as Synapse, for one it has not registered yet (SyTest "Ghost user must register before
   * joining room"). 400 M_UNKNOWN_DEVICE for a device the user does not have.
   */
  async authenticate(token: string, query: unknown): Promise<AuthenticatedRequester | null> {
    const service = this.appserviceOf(token);
    if (!service) return null;
    const params = (query ?? {}) as Record<string, unknown>;
    const userId = optionalParam(params, 'user_id') ?? service.senderUserId;
    if (userId === service.senderUserId) await this.senders.ensure(service);
    else if (!service.mayActAs(userId)) {
      throw new MatrixError('M_FORBIDDEN', 403, `Application service cannot masquerade as ${userId}.`);
    }
    const account = await this.moderation.find(this.transactions.reader, userId);
    if (!account) {
      throw new MatrixError('M_FORBIDDEN', 403, `Application service has not registered ${userId}.`);
    }
    const deviceId = optionalParam(params, 'device_id') ?? optionalParam(params, UNSTABLE_DEVICE_ID);
    if (deviceId !== undefined && !(await this.devices.get(this.transactions.reader, userId, deviceId))) {
      throw new MatrixError('M_UNKNOWN_DEVICE', 400, `${userId} has no device ${deviceId}.`);
    }
    return {
      userId,
      deviceId: deviceId ?? NO_DEVICE,
      isGuest: false,
      accessTokenId: null,
      appserviceId: service.id,
      // An admin's suspension of a user holds whoever acts as it.
      suspended: account.suspended,
    };
  }
}

function optionalParam(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new MatrixError('M_INVALID_PARAM', 400, `Query parameter ${name} must be given once, non-empty.`);
  return value;
}
