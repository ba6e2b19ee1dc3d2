import { Injectable } from '@nestjs/common';
import {
  deactivateAccount,
  DeactivateAccountResponse,
  LOGIN_PASSWORD,
  MatrixError,
} from '@switchboard/protocol';
import {
  AccountsRepository,
  DevicesRepository,
  PushersRepository,
  ThreepidsRepository,
  Transactions,
} from '@switchboard/storage';
import { booleanField, JsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { UserInteractiveAuthService } from '../uia/user-interactive-auth.service';
import { ThreepidBindingsService } from '../threepid/threepid-bindings.service';
import { DeviceListUpdates } from '../device_lists/device-list-updates.service';

/** POST /account/deactivate (client-server-api "Account deactivation"). */
@Injectable()
export class DeactivationService {
  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly devices: DevicesRepository,
    private readonly threepids: ThreepidsRepository,
    private readonly pushers: PushersRepository,
    private readonly uia: UserInteractiveAuthService,
    private readonly deviceLists: DeviceListUpdates,
    private readonly bindings: ThreepidBindingsService,
  ) {}

  /**
   * "removing all ability for the user to login again": the account is marked deactivated and
   * every device and token goes, with the pushers and the account's 3PIDs. `erase` also forgets
   * the password hash. The 3PIDs bound on identity servers through this server are unbound there
   * first.
   */
  async deactivate(requester: Requester | undefined, body: JsonObject): Promise<DeactivateAccountResponse> {
    const idServer = stringField(body, 'id_server');
    const erase = booleanField(body, 'erase') ?? false;
    // application-service-api "Server admin style permissions": an application service has "full
    // control over its namespace", so it deactivates its users without user-interactive auth
    // (Synapse; SyTest "AS can deactivate a user").
    const outcome =
      requester?.appserviceId !== undefined
        ? null
        : await this.uia.authenticate(body.auth, {
            operation: `${deactivateAccount.method} ${deactivateAccount.path}`,
            subject: { erase },
            userId: requester?.userId ?? null,
            flows: [[LOGIN_PASSWORD]],
          });
    const userId = outcome ? outcome.userId : requester!.userId;
    if (userId === null) throw new MatrixError('M_FORBIDDEN', 403, 'No account was authenticated');
    const unbound = await this.bindings.unbindAll(userId, idServer);
    await this.transactions.run(async (tx) => {
      await this.accounts.deactivate(tx, userId, Date.now(), erase);
      await this.devices.deleteAllExcept(tx, userId, null);
      await this.pushers.deleteOrphaned(tx, userId);
      await this.threepids.removeAllOf(tx, userId);
      if (outcome) await this.uia.finish(tx, outcome);
    });
    await this.deviceLists.changed(userId);
    return { id_server_unbind_result: unbound };
  }
}
