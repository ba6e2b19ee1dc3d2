import { Injectable } from '@nestjs/common';
import { MatrixError } from '@switchboard/protocol';
import {
  AccessTokenCache,
  AccessTokensRepository,
  DevicesRepository,
  Transactions,
} from '@switchboard/storage';
import { LAST_SEEN_INTERVAL_MS } from '../accounts/session-timings';
import { tokenHash } from '../accounts/tokens';
import { Requester } from './requester';

/** A requester and whether an admin suspended its account (client-server-api "Account suspension"). */
export interface AuthenticatedRequester extends Requester {
  readonly suspended: boolean;
}

/** Resolves an access token to its owner (client-server-api "Using access tokens"). */
@Injectable()
export class AccessTokenAuthService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tokens: AccessTokensRepository,
    private readonly devices: DevicesRepository,
    private readonly cache: AccessTokenCache,
  ) {}

  /**
   * M_UNKNOWN_TOKEN (401) for a token that was never valid, was logged out or belongs to a
   * deactivated account, with `soft_logout: false`: "the server has destroyed the session". An
   * expired token gets `soft_logout: true`: the device lives on and the client should refresh
   * ("Any HTTP calls that use an expired access token will return with an error code
   * M_UNKNOWN_TOKEN, preferably with soft_logout: true").
   *
   * A locked account gets M_USER_LOCKED (401) with `soft_logout: true` unless `allowLocked` (the
   * logout endpoints): client-server-api "Account locking" keeps the session for when the lock is
   * lifted. A suspended account is let through, flagged for the guard's per-endpoint rules.
   */
  /** `ip` and `userAgent`: of the request, kept as the device's last seen (GET /admin/whois). */
  async authenticate(
    accessToken: string,
    ip: string | null,
    userAgent: string | null = null,
    allowLocked = false,
  ): Promise<AuthenticatedRequester> {
    const hash = tokenHash(accessToken);
    const owner = await this.cache.lookup(hash, () =>
      this.tokens.findAccessToken(this.transactions.reader, hash),
    );
    if (!owner || owner.deactivated) {
      throw new MatrixError('M_UNKNOWN_TOKEN', 401, 'Unrecognised access token.', { soft_logout: false });
    }
    const now = Date.now();
    if (owner.expiresTs !== null && owner.expiresTs <= now) {
      throw new MatrixError('M_UNKNOWN_TOKEN', 401, 'Access token has expired', { soft_logout: true });
    }
    if (owner.locked && !allowLocked) {
      throw new MatrixError('M_USER_LOCKED', 401, 'This account has been locked', { soft_logout: true });
    }
    const refreshTokenId = owner.refreshTokenId;
    if (refreshTokenId !== null && !owner.used) {
      await this.transactions.run((tx) => this.tokens.markUsed(tx, owner.tokenId, refreshTokenId));
    }
    if (owner.lastSeenTs === null || now - owner.lastSeenTs >= LAST_SEEN_INTERVAL_MS) {
      await this.devices.touch(this.transactions.reader, owner.userId, owner.deviceId, now, ip, userAgent);
      // The cached owner too, or every request after the interval would touch the device again.
      owner.lastSeenTs = now;
    }
    return {
      userId: owner.userId,
      deviceId: owner.deviceId,
      isGuest: owner.isGuest,
      accessTokenId: owner.tokenId,
      suspended: owner.suspended,
    };
  }
}
