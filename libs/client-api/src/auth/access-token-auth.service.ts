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
   */
  async authenticate(accessToken: string, ip: string | null): Promise<Requester> {
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
    const refreshTokenId = owner.refreshTokenId;
    if (refreshTokenId !== null && !owner.used) {
      await this.transactions.run((tx) => this.tokens.markUsed(tx, owner.tokenId, refreshTokenId));
    }
    if (owner.lastSeenTs === null || now - owner.lastSeenTs >= LAST_SEEN_INTERVAL_MS) {
      await this.devices.touch(this.transactions.reader, owner.userId, owner.deviceId, now, ip);
      // The cached owner too, or every request after the interval would touch the device again.
      owner.lastSeenTs = now;
    }
    return {
      userId: owner.userId,
      deviceId: owner.deviceId,
      isGuest: owner.isGuest,
      accessTokenId: owner.tokenId,
    };
  }
}
