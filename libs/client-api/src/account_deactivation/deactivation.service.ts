import { Injectable } from '@nestjs/common';
import {
  deactivateAccount,
  DeactivateAccountResponse,
  LOGIN_PASSWORD,
  MatrixError,
} from '@switchboard/protocol';
import { AccountsRepository, DevicesRepository, Transactions } from '@switchboard/storage';
import { booleanField, JsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { UserInteractiveAuthService } from '../uia/user-interactive-auth.service';

/** POST /account/deactivate (client-server-api "Account deactivation"). */
@Injectable()
export class DeactivationService {
  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly devices: DevicesRepository,
    private readonly uia: UserInteractiveAuthService,
  ) {}

  /**
   * "removing all ability for the user to login again": the account is marked deactivated and
   * every device and token goes. `erase` also forgets the password hash. This server binds no
   * 3PIDs, so unbinding them "must be `success`".
   */
  async deactivate(requester: Requester | undefined, body: JsonObject): Promise<DeactivateAccountResponse> {
    // id_server is checked for its type only: there are no 3PID bindings to undo.
    stringField(body, 'id_server');
    const erase = booleanField(body, 'erase') ?? false;
    const outcome = await this.uia.authenticate(body.auth, {
      operation: `${deactivateAccount.method} ${deactivateAccount.path}`,
      subject: { erase },
      userId: requester?.userId ?? null,
      flows: [[LOGIN_PASSWORD]],
    });
    const userId = outcome.userId;
    if (userId === null) throw new MatrixError('M_FORBIDDEN', 403, 'No account was authenticated');
    await this.transactions.run(async (tx) => {
      await this.accounts.deactivate(tx, userId, Date.now(), erase);
      await this.devices.deleteAllExcept(tx, userId, null);
      await this.uia.finish(tx, outcome);
    });
    return { id_server_unbind_result: 'success' };
  }
}
