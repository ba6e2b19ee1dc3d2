import { MatrixError } from '@switchboard/protocol';
import { RoomStateQuery } from '@switchboard/rooms';
import { Requester } from './requester';

/** For endpoints about one user's own data: anyone else's access token is M_FORBIDDEN. */
export function requireSelf(requester: Requester, userId: string, what: string): void {
  if (requester.userId !== userId)
    throw new MatrixError('M_FORBIDDEN', 403, `Cannot ${what} for other users.`);
}

/** M_NOT_FOUND for a room this server does not know, M_FORBIDDEN unless `userId` is joined to it. */
export async function requireJoined(rooms: RoomStateQuery, roomId: string, userId: string): Promise<void> {
  if (!(await rooms.exists(roomId))) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown room');
  if ((await rooms.membership(roomId, userId))?.membership !== 'join') {
    throw new MatrixError('M_FORBIDDEN', 403, `User ${userId} is not in room ${roomId}`);
  }
}
