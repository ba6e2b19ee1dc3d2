import { MatrixError } from '@switchboard/protocol';
import { AccountsRepository, Queryable } from '@switchboard/storage';

/**
 * Makes sure an account the server itself speaks as (the server notices user, an application
 * service's sender) exists: no password, so nobody can log in as it. A concurrent first use that
 * created it meanwhile is fine: the account is there, which is all that is needed.
 */
export async function ensureSystemAccount(
  accounts: AccountsRepository,
  q: Queryable,
  userId: string,
): Promise<void> {
  if (await accounts.find(q, userId)) return;
  try {
    await accounts.create(q, {
      userId,
      passwordHash: null,
      admin: false,
      isGuest: false,
      userType: null,
      createdTs: Date.now(),
    });
  } catch (err) {
    if (!(err instanceof MatrixError && err.errcode === 'M_USER_IN_USE')) throw err;
  }
}
