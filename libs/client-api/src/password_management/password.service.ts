import { Injectable } from '@nestjs/common';
import { changePassword, LOGIN_PASSWORD, MatrixError } from '@switchboard/protocol';
import { AccountsRepository, DevicesRepository, PushersRepository, Transactions } from '@switchboard/storage';
import { hashPassword } from '../accounts/password-hash';
import { booleanField, JsonObject, stringField } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { UserInteractiveAuthService } from '../uia/user-interactive-auth.service';

/** POST /account/password (client-server-api "Password management"). */
@Injectable()
export class PasswordService {
  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly devices: DevicesRepository,
    private readonly pushers: PushersRepository,
    private readonly uia: UserInteractiveAuthService,
  ) {}

  /**
   * Without an access token the password stage says whose password changes. "The homeserver
   * SHOULD NOT revoke the access token provided in the request": with `logout_devices` (default
   * true) every other device goes with the pushers it set (as Synapse does; SyTest "Pushers created
   * with a different access token are deleted on password change"); the requester's stays.
   */
  async change(requester: Requester | undefined, body: JsonObject): Promise<void> {
    const newPassword = stringField(body, 'new_password', { required: true });
    const logoutDevices = booleanField(body, 'logout_devices') ?? true;
    const outcome = await this.uia.authenticate(body.auth, {
      operation: `${changePassword.method} ${changePassword.path}`,
      userId: requester?.userId ?? null,
      flows: [[LOGIN_PASSWORD]],
    });
    const userId = outcome.userId;
    if (userId === null) throw new MatrixError('M_FORBIDDEN', 403, 'No account was authenticated');
    const passwordHash = await hashPassword(newPassword);
    await this.transactions.run(async (tx) => {
      await this.accounts.setPasswordHash(tx, userId, passwordHash);
      if (logoutDevices) {
        await this.devices.deleteAllExcept(tx, userId, requester?.deviceId ?? null);
        await this.pushers.deleteOrphaned(tx, userId);
      }
      await this.uia.finish(tx, outcome);
    });
  }
}
