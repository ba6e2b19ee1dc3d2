import { Injectable } from '@nestjs/common';
import { LoginTokensRepository, Transactions } from '@switchboard/storage';
import { newOpaqueId, tokenHash } from '../accounts/tokens';

/** How long the client has to exchange a login token; it is meant to be used at once. */
const LOGIN_TOKEN_LIFETIME_MS = 2 * 60 * 1000;

/** The single-use tokens of `m.login.token` (client-server-api "Token-based" login), handed out by single sign-on. */
@Injectable()
export class LoginTokensService {
  constructor(
    private readonly transactions: Transactions,
    private readonly tokens: LoginTokensRepository,
  ) {}

  /** `lifetimeMs`: POST /login/get_token's token waits for another device, longer than an SSO redirect. */
  async issue(userId: string, lifetimeMs = LOGIN_TOKEN_LIFETIME_MS): Promise<string> {
    const token = `sb_lt_${newOpaqueId(32)}`;
    await this.tokens.create(this.transactions.reader, {
      hash: tokenHash(token),
      userId,
      expiresTs: Date.now() + lifetimeMs,
    });
    return token;
  }

  /** The token's user, once: a second use, or one after it expired, is null. */
  consume(token: string): Promise<string | null> {
    return this.tokens.consume(this.transactions.reader, tokenHash(token), Date.now());
  }
}
