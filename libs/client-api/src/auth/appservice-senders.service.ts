import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { Appservice, AppserviceRegistry } from '@switchboard/appservice';
import { AccountsRepository, Transactions } from '@switchboard/storage';
import { ensureSystemAccount } from '../accounts/system-account';

/**
 * The account of each application service's own user, `@<sender_localpart>:<server>`, which acts
 * when no `user_id` is asserted and which users invite to their rooms ("AS user (not ghost) can
 * join room without registering"). Created passwordless at start, and on first use for a
 * registration loaded later.
 */
@Injectable()
export class AppserviceSenders implements OnApplicationBootstrap {
  private readonly present = new Set<string>();

  constructor(
    private readonly registry: AppserviceRegistry,
    private readonly transactions: Transactions,
    private readonly accounts: AccountsRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const service of this.registry.all()) await this.ensure(service);
  }

  async ensure(service: Appservice): Promise<void> {
    const userId = service.senderUserId;
    if (this.present.has(userId)) return;
    await ensureSystemAccount(this.accounts, this.transactions.reader, userId);
    this.present.add(userId);
  }
}
