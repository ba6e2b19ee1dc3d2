import { Inject, Injectable } from '@nestjs/common';
import { Appservice } from '@switchboard/appservice';
import { CONFIG, SwitchboardConfig } from '@switchboard/config';
import { MatrixError } from '@switchboard/protocol';
import { AccountRow, AccountsRepository, Transactions } from '@switchboard/storage';
import { isJsonObject, JsonObject, stringField } from '../accounts/request-body';
import { AppserviceSenders } from '../auth/appservice-senders.service';

/** The login (and registration) type an application service uses with its as_token. */
export const LOGIN_APPLICATION_SERVICE = 'm.login.application_service';

/**
 * MSC4190 "Device management for application services": one that opted in (`io.element.msc4190`)
 * creates its users' devices with PUT /devices/{deviceId}, and gets no access tokens for them
 * ("Logins with the m.login.application_service type will return HTTP 400 with a new
 * M_APPSERVICE_LOGIN_UNSUPPORTED error code"; its unstable name until the MSC is merged).
 */
export function appserviceLoginUnsupported(): MatrixError {
  return new MatrixError(
    'IO.ELEMENT.MSC4190.M_APPSERVICE_LOGIN_UNSUPPORTED',
    400,
    'This application service manages its devices itself (MSC4190) and cannot log in.',
  );
}

/**
 * client-server-api "Appservice Login": an application service logs in as a user of its namespace
 * with its as_token instead of a password, to give that user a device of its own.
 */
@Injectable()
export class AppserviceLoginService {
  constructor(
    @Inject(CONFIG) private readonly config: SwitchboardConfig,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly senders: AppserviceSenders,
  ) {}

  /**
   * The account `identifier` names. Only `{type: "m.id.user", user}` (MSC2778: "The deprecated
   * top-level `user` field cannot use this login flow type"). A user outside the namespace is
   * M_EXCLUSIVE (application-service-api: those that "log in as users outside of their defined
   * namespaces will receive an error code M_EXCLUSIVE"); one it has not registered M_FORBIDDEN.
   */
  async account(service: Appservice, body: JsonObject): Promise<AccountRow> {
    if (service.registration.msc4190) throw appserviceLoginUnsupported();
    const identifier = body.identifier;
    if (!isJsonObject(identifier) || identifier.type !== 'm.id.user') {
      throw new MatrixError(
        'M_INVALID_PARAM',
        400,
        'm.login.application_service needs an m.id.user identifier.',
      );
    }
    const user = stringField(identifier, 'user', { required: true });
    const userId = user.startsWith('@') ? user : `@${user}:${this.config.server_name}`;
    if (!service.mayActAs(userId)) {
      throw new MatrixError(
        'M_EXCLUSIVE',
        400,
        `${userId} is outside the namespace of this application service.`,
      );
    }
    if (userId === service.senderUserId) await this.senders.ensure(service);
    const account = await this.accounts.find(this.transactions.reader, userId);
    if (!account)
      throw new MatrixError('M_FORBIDDEN', 403, `Application service has not registered ${userId}.`);
    return account;
  }
}
