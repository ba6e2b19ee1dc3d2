import { Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import {
  AccessTokensRepository,
  DevicesRepository,
  PushersRepository,
  Transactions,
  Tx,
} from '@switchboard/storage';
import { DeviceListUpdates } from '../device_lists/device-list-updates.service';
import { REFRESHABLE_ACCESS_TOKEN_LIFETIME_MS } from './session-timings';
import { newAccessToken, newDeviceId, newRefreshToken, tokenHash } from './tokens';

export interface SessionRequest {
  userId: string;
  /** The client's device ID; one is generated when absent. */
  deviceId?: string;
  /** "Ignored if `device_id` corresponds to a known device." */
  initialDisplayName?: string;
  withRefreshToken: boolean;
}

export interface IssuedSession {
  deviceId: string;
  accessToken: string;
  refreshToken?: string;
  expiresInMs?: number;
}

/** Devices and their tokens: what login, registration and /refresh hand out and logout takes back. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly devices: DevicesRepository,
    private readonly tokens: AccessTokensRepository,
    private readonly pushers: PushersRepository,
    private readonly deviceLists: DeviceListUpdates,
  ) {}

  /**
   * Creates the device, or reuses the client's: "If the client sets the device_id, the server will
   * invalidate any access and refresh tokens previously assigned to that device" (client-server-api
   * "Relationship between access tokens and devices").
   */
  async issue(tx: Tx, request: SessionRequest): Promise<IssuedSession> {
    if (request.deviceId !== undefined && (request.deviceId === '' || request.deviceId.length > 255)) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'Parameter device_id must be 1 to 255 characters');
    }
    const device = {
      userId: request.userId,
      displayName: request.initialDisplayName ?? null,
      createdTs: Date.now(),
    };
    let deviceId = request.deviceId;
    if (deviceId === undefined) {
      do deviceId = newDeviceId();
      while (!(await this.devices.createIfMissing(tx, { ...device, deviceId })));
    } else if (!(await this.devices.createIfMissing(tx, { ...device, deviceId }))) {
      await this.tokens.deleteForDevice(tx, request.userId, deviceId);
    }
    return this.issueTokens(tx, request.userId, deviceId, request.withRefreshToken);
  }

  /**
   * POST /refresh. "The old refresh token remains valid until the new access token or refresh
   * token is used, at which point the old refresh token is revoked": a repeated refresh with the
   * same token replaces what the previous one issued (which the client evidently never got), and
   * the access token issued alongside the used refresh token is invalidated at once (the server
   * "can choose to invalidate the old access token immediately").
   */
  async refresh(refreshToken: string): Promise<IssuedSession> {
    return this.transactions.run(async (tx) => {
      const used = await this.tokens.lockRefreshToken(tx, tokenHash(refreshToken));
      if (!used) {
        throw new MatrixError('M_UNKNOWN_TOKEN', 401, 'Unknown or already used refresh token', {
          soft_logout: false,
        });
      }
      if (used.nextTokenId !== null) await this.tokens.deleteRefreshToken(tx, used.nextTokenId);
      await this.tokens.deleteAccessTokensOf(tx, used.id);
      await this.tokens.deletePredecessors(tx, used.id);
      const { issued, refreshTokenId } = await this.issueRefreshable(tx, used.userId, used.deviceId);
      await this.tokens.setNextRefreshToken(tx, used.id, refreshTokenId);
      return issued;
    });
  }

  /** POST /logout: the device goes, and with it its tokens and the pushers they set. */
  async logout(userId: string, deviceId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.devices.delete(tx, userId, [deviceId]);
      await this.pushers.deleteOrphaned(tx, userId);
    });
    await this.deviceLists.changed(userId, [deviceId]);
  }

  /** POST /logout/all: every device, token and token-set pusher of the user. */
  async logoutAll(userId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.devices.deleteAllExcept(tx, userId, null);
      await this.pushers.deleteOrphaned(tx, userId);
    });
    await this.deviceLists.changed(userId);
  }

  private async issueTokens(
    tx: Tx,
    userId: string,
    deviceId: string,
    withRefreshToken: boolean,
  ): Promise<IssuedSession> {
    if (withRefreshToken) return (await this.issueRefreshable(tx, userId, deviceId)).issued;
    const accessToken = newAccessToken();
    await this.tokens.insertAccessToken(tx, {
      hash: tokenHash(accessToken),
      userId,
      deviceId,
      createdTs: Date.now(),
      expiresTs: null,
      refreshTokenId: null,
    });
    return { deviceId, accessToken };
  }

  /** A refresh token and an access token bound to it that expires. */
  private async issueRefreshable(
    tx: Tx,
    userId: string,
    deviceId: string,
  ): Promise<{ issued: IssuedSession; refreshTokenId: number }> {
    const now = Date.now();
    const accessToken = newAccessToken();
    const refreshToken = newRefreshToken();
    const refreshTokenId = await this.tokens.insertRefreshToken(tx, {
      hash: tokenHash(refreshToken),
      userId,
      deviceId,
      createdTs: now,
    });
    await this.tokens.insertAccessToken(tx, {
      hash: tokenHash(accessToken),
      userId,
      deviceId,
      createdTs: now,
      expiresTs: now + REFRESHABLE_ACCESS_TOKEN_LIFETIME_MS,
      refreshTokenId,
    });
    const issued = { deviceId, accessToken, refreshToken, expiresInMs: REFRESHABLE_ACCESS_TOKEN_LIFETIME_MS };
    return { issued, refreshTokenId };
  }
}
