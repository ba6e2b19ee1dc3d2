import { Injectable } from '@nestjs/common';
import { AccountDataRepository, Transactions } from '@switchboard/storage';

const IGNORED_USER_LIST = 'm.ignored_user_list';

/**
 * The users someone ignores, from their `m.ignored_user_list` account data (client-server-api
 * "Ignoring Users"): "the client will no longer receive events sent by that user, with the
 * exception of state events", and "Servers must not send room invites from ignored users".
 * Read on every use, so that "the sync API for all clients should immediately start ignoring
 * (or un-ignoring) the user".
 */
@Injectable()
export class IgnoredUsers {
  constructor(
    private readonly transactions: Transactions,
    private readonly accountData: AccountDataRepository,
  ) {}

  async of(userId: string): Promise<ReadonlySet<string>> {
    const content = await this.accountData.get(this.transactions.reader, userId, null, IGNORED_USER_LIST);
    const ignored = content?.ignored_users;
    if (ignored === null || typeof ignored !== 'object' || Array.isArray(ignored)) return new Set();
    return new Set(Object.keys(ignored).filter((id) => id !== userId));
  }
}

/** Whether an event is hidden from someone who ignores `ignored`: state events never are. */
export function hiddenAsIgnored(
  event: { sender: string; stateKey: string | null },
  ignored: ReadonlySet<string>,
): boolean {
  return event.stateKey === null && ignored.has(event.sender);
}
