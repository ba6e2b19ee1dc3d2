import { Inject, Injectable } from '@nestjs/common';
import { isValidRoomId, JsonObject, MatrixError, SERVER_MANAGED_ACCOUNT_DATA } from '@switchboard/protocol';
import { NOTIFIER, Notifier } from '@switchboard/queue';
import { AccountDataRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';
import { requireSelf } from '../auth/user-access';

/** The stream key of account data in sync tokens and on the notifier. */
export const ACCOUNT_DATA_STREAM = 'account_data';

/** Account data, global (roomId null) and per room (modules/account_data.md "Client Config"). */
@Injectable()
export class AccountDataService {
  constructor(
    private readonly transactions: Transactions,
    private readonly accountData: AccountDataRepository,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
  ) {}

  /** GET .../account_data/{type}: M_NOT_FOUND when nothing is stored. Server-managed types may be read. */
  async get(requester: Requester, userId: string, roomId: string | null, type: string): Promise<JsonObject> {
    requireSelf(requester, userId, 'get account data');
    if (roomId !== null) requireRoomId(roomId);
    const content = await this.accountData.get(this.transactions.reader, userId, roomId, type);
    if (!content)
      throw new MatrixError(
        'M_NOT_FOUND',
        404,
        roomId ? 'Room account data not found.' : 'Account data not found.',
      );
    return content;
  }

  /** PUT .../account_data/{type} from a client: "Servers MUST reject setting account data for event types that the server manages". */
  async set(
    requester: Requester,
    userId: string,
    roomId: string | null,
    type: string,
    content: JsonObject,
  ): Promise<void> {
    requireSelf(requester, userId, 'add account data');
    if (roomId !== null) requireRoomId(roomId);
    if ((SERVER_MANAGED_ACCOUNT_DATA as readonly string[]).includes(type)) {
      throw new MatrixError('M_BAD_JSON', 405, `Cannot set ${type} through this API.`);
    }
    await this.put(userId, roomId, type, content);
  }

  /** Stores without the client checks: for the server's own types (m.fully_read, m.tag). */
  async put(userId: string, roomId: string | null, type: string, content: JsonObject): Promise<void> {
    const position = await this.transactions.run((tx) =>
      this.accountData.put(tx, userId, roomId, type, content),
    );
    await this.notifier.publish(ACCOUNT_DATA_STREAM, position);
  }

  /** The stored content, without checks: for the server's own read-modify-write of a type. */
  async read(userId: string, roomId: string | null, type: string): Promise<JsonObject | null> {
    return this.accountData.get(this.transactions.reader, userId, roomId, type);
  }
}

/** "the given `roomID` is not a valid room ID (errcode `M_INVALID_PARAM`)". */
function requireRoomId(roomId: string): void {
  if (!isValidRoomId(roomId))
    throw new MatrixError('M_INVALID_PARAM', 400, `${roomId} is not a valid room ID.`);
}
