import { Body, Controller, Param } from '@nestjs/common';
import {
  AdminLockStatus,
  AdminSuspendStatus,
  getAdminLockUser,
  getAdminSuspendUser,
  MatrixError,
  setAdminLockUser,
  setAdminSuspendUser,
} from '@switchboard/protocol';
import { MatrixRoute } from '@switchboard/http';
import { booleanField, jsonObject } from '../accounts/request-body';
import { Requester } from '../auth/requester';
import { AccountModerationService } from './account-moderation.service';

@Controller()
export class AccountModerationController {
  constructor(private readonly moderation: AccountModerationService) {}

  /** GET /_matrix/client/v1/admin/lock/{userId} — client-server-api "Account locking". */
  @MatrixRoute(getAdminLockUser)
  async getLock(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
  ): Promise<AdminLockStatus> {
    return { locked: await this.moderation.get(requester, userId, 'locked') };
  }

  /** PUT /_matrix/client/v1/admin/lock/{userId} — client-server-api "Account locking". */
  @MatrixRoute(setAdminLockUser)
  async setLock(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<AdminLockStatus> {
    const locked = requiredBoolean(body, 'locked');
    return { locked: await this.moderation.set(requester, userId, 'locked', locked) };
  }

  /** GET /_matrix/client/v1/admin/suspend/{userId} — client-server-api "Account suspension". */
  @MatrixRoute(getAdminSuspendUser)
  async getSuspend(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
  ): Promise<AdminSuspendStatus> {
    return { suspended: await this.moderation.get(requester, userId, 'suspended') };
  }

  /** PUT /_matrix/client/v1/admin/suspend/{userId} — client-server-api "Account suspension". */
  @MatrixRoute(setAdminSuspendUser)
  async setSuspend(
    @Requester() requester: Requester,
    @Param('userId') userId: string,
    @Body() body: unknown,
  ): Promise<AdminSuspendStatus> {
    const suspended = requiredBoolean(body, 'suspended');
    return { suspended: await this.moderation.set(requester, userId, 'suspended', suspended) };
  }
}

function requiredBoolean(body: unknown, key: string): boolean {
  const value = booleanField(jsonObject(body), key);
  if (value === undefined) throw new MatrixError('M_MISSING_PARAM', 400, `Missing parameter: ${key}`);
  return value;
}
