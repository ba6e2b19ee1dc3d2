import { JsonObject, MatrixError } from '@switchboard/protocol';

/**
 * An m.room.tombstone names the room that replaces this one; naming the room itself would send
 * clients following it in a circle. Synapse refuses it with 400 whether sent as state or not.
 */
export function refuseSelfTombstone(eventType: string, roomId: string, content: JsonObject): void {
  if (eventType === 'm.room.tombstone' && content.replacement_room === roomId) {
    throw new MatrixError('M_BAD_JSON', 400, 'A tombstone cannot name the room it is sent to.');
  }
}
