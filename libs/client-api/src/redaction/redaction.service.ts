import { Injectable } from '@nestjs/common';
import {
  JsonObject,
  MatrixError,
  parseEventId,
  powerLevelsFromState,
  redactionEvent,
} from '@switchboard/protocol';
import { RoomEventsQuery, RoomStateQuery, SendPerform } from '@switchboard/rooms';
import { Requester } from '../auth/requester';

/** client-server-api "Redactions": an m.room.redaction event, sent once per transaction ID. */
@Injectable()
export class RedactionService {
  constructor(
    private readonly send: SendPerform,
    private readonly rooms: RoomStateQuery,
    private readonly events: RoomEventsQuery,
  ) {}

  /**
   * "Any user with a power level greater than or equal to the `m.room.redaction` event power level
   * may send redactions for their own events in the room. If the user's power level is also greater
   * than or equal to the `redact` power level of the room, the user may redact events sent by other
   * users." The first half is the auth rules' check; the second is made here, because from room
   * version 3 the auth rules leave it to whoever serves the event.
   */
  async redact(
    requester: Requester,
    roomId: string,
    eventId: string,
    content: JsonObject,
    txnId: string,
  ): Promise<string> {
    parseEventId(eventId);
    const version = await this.rooms.version(roomId);
    const target = await this.events.get(roomId, eventId);
    if (!target) {
      // A redaction acts on an event of its own room; one of another room is a malformed request.
      const [elsewhere] = await this.events.getMany([eventId]);
      if (elsewhere && elsewhere.roomId !== roomId) {
        throw new MatrixError('M_INVALID_PARAM', 400, 'Cannot redact an event of another room.');
      }
      throw new MatrixError('M_NOT_FOUND', 404, 'Event not found.');
    }
    if (target.sender !== requester.userId) {
      const levels = powerLevelsFromState(version, await this.rooms.current(roomId));
      if (levels.userPowerLevel(requester.userId) < levels.level('redact')) {
        throw new MatrixError('M_FORBIDDEN', 403, 'You may not redact events of other users.');
      }
    }
    // The builder puts `redacts` where the room version wants it: top level before v11, content after.
    const rest = { ...content };
    delete rest.redacts;
    const sent = await this.send.send(roomId, requester.userId, redactionEvent(eventId, rest), {
      userId: requester.userId,
      deviceId: requester.deviceId,
      txnId,
    });
    return sent.eventId;
  }
}
