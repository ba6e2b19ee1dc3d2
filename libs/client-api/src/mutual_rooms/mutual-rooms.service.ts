import { Injectable } from '@nestjs/common';
import { MatrixError, MutualRoomsResponse, tryParseUserId } from '@switchboard/protocol';
import { MembershipsRepository, Transactions } from '@switchboard/storage';
import { Requester } from '../auth/requester';

/** Rooms per page: the spec sets no bound; Synapse's MSC2666 implementation pages by 100. */
const BATCH = 100;

/** client-server-api GET /mutual_rooms: rooms both users are joined to, by room ID. */
@Injectable()
export class MutualRoomsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly memberships: MembershipsRepository,
  ) {}

  async mutualRooms(
    requester: Requester,
    userId: string,
    from: string | undefined,
  ): Promise<MutualRoomsResponse> {
    // "the user_id parameter was missing, non-compliant, or was the sender's own user ID".
    if (typeof tryParseUserId(userId, { grammar: 'compliant' }) === 'string') {
      throw new MatrixError('M_INVALID_PARAM', 400, 'The user ID provided was invalid');
    }
    if (userId === requester.userId) {
      throw new MatrixError('M_INVALID_PARAM', 400, 'You cannot request mutual rooms with yourself');
    }
    const after = from === undefined ? '' : decodeFrom(from);
    const q = this.transactions.reader;
    const mine = new Set(
      (await this.memberships.forUser(q, requester.userId, ['join'])).map((m) => m.roomId),
    );
    // "If the provided user_id is not a valid user, the server MUST return an empty list of rooms."
    const shared = (await this.memberships.forUser(q, userId, ['join']))
      .map((m) => m.roomId)
      .filter((roomId) => mine.has(roomId))
      .sort();
    const page = shared.filter((roomId) => roomId > after).slice(0, BATCH);
    const response: MutualRoomsResponse = { joined: page, count: shared.length };
    const last = page[page.length - 1];
    if (last !== undefined && shared[shared.length - 1] !== last) {
      response.next_batch = Buffer.from(last).toString('base64url');
    }
    return response;
  }
}

/** "The `from` token provided was invalid or expired": the last room ID of the page before. */
function decodeFrom(token: string): string {
  const roomId = Buffer.from(token, 'base64url').toString('utf8');
  if (!roomId.startsWith('!') || Buffer.from(roomId).toString('base64url') !== token) {
    throw new MatrixError('M_INVALID_PARAM', 400, 'Unknown pagination token');
  }
  return roomId;
}
