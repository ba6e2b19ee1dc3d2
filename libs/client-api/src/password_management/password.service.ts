import { Injectable } from '@nestjs/common';
import { changePassword, LOGIN_PASSWORD, MatrixError } from '@switchboard/protocol';
import {
  AccountsRepository,
  DevicesRepository,
  PushersRepository,
  ThreepidsRepository,
  Transactions,
} from '@switchboard/storage';
import { hashPassword } from '../accounts/password-hash';
import { booleanField, isJsonObject, JsonObject, stringField } from '../accounts/request-body';
import { EmailValidationService } from '../threepid/email-validation.service';
import { LOGIN_EMAIL_IDENTITY } from '../uia/login-types';
import { THREEPID_RESULT } from '../uia/uia-stages';
import { Requester } from '../auth/requester';
import { UiaOutcome, UserInteractiveAuthService } from '../uia/user-interactive-auth.service';
import { DeviceListUpdates } from '../device_lists/device-list-updates.service';

/** POST /account/password (client-server-api "Password management"). */
@Injectable()
export class PasswordService {
  constructor(
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
    private readonly devices: DevicesRepository,
    private readonly pushers: PushersRepository,
    private readonly uia: UserInteractiveAuthService,
    private readonly deviceLists: DeviceListUpdates,
    private readonly threepids: ThreepidsRepository,
    private readonly email: EmailValidationService,
  ) {}

  /**
   * Without an access token the password or e-mail stage says whose password changes. "The homeserver
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
      flows: this.email.enabled() ? [[LOGIN_PASSWORD], [LOGIN_EMAIL_IDENTITY]] : [[LOGIN_PASSWORD]],
    });
    const userId = await this.accountOf(requester, outcome);
    const passwordHash = await hashPassword(newPassword);
    await this.transactions.run(async (tx) => {
      await this.accounts.setPasswordHash(tx, userId, passwordHash);
      if (logoutDevices) {
        await this.devices.deleteAllExcept(tx, userId, requester?.deviceId ?? null);
        await this.pushers.deleteOrphaned(tx, userId);
      }
      await this.uia.finish(tx, outcome);
    });
    if (logoutDevices) await this.deviceLists.changed(userId);
  }

  /**
   * Whose password changes: the account a password stage proved, or the one an
   * `m.login.email.identity` stage proved an address of, a forgotten password's way back in
   * (POST /account/password/email/requestToken "should be used to request validation tokens when
   * authenticating for the /account/password endpoint"). With an access token, it must be the
   * requester's own: a proved address of nobody's, or of another account, proves nothing.
   */
  private async accountOf(requester: Requester | undefined, outcome: UiaOutcome): Promise<string> {
    const threepid = outcome.results[THREEPID_RESULT];
    const userId = isJsonObject(threepid)
      ? await this.threepids.ownerOf(this.transactions.reader, 'email', String(threepid.address))
      : outcome.userId;
    if (userId === null) throw new MatrixError('M_FORBIDDEN', 403, 'No account was authenticated');
    if (requester && userId !== requester.userId)
      throw new MatrixError('M_FORBIDDEN', 403, 'The e-mail address is not one of your account');
    return userId;
  }
}
