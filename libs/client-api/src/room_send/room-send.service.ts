import { Injectable } from '@nestjs/common';
import { JsonObject, MatrixError, parseRoomId, timelineEvent } from '@switchboard/protocol';
import { SendPerform } from '@switchboard/rooms';
import { Requester } from '../auth/requester';
import { RedactionService } from '../redaction/redaction.service';
import { refuseSelfTombstone } from '../room_upgrades/self-tombstone';

/** client-server-api "Sending events to a room": message events, idempotent per device and txnId. */
@Injectable()
export class RoomSendService {
  constructor(
    private readonly perform: SendPerform,
    private readonly redactions: RedactionService,
  ) {}

  /**
   * "Homeservers MUST allow clients to send `m.room.redaction` events with this endpoint for all
   * room versions. In rooms with a version older than 11 they MUST move the `redacts` property
   * inside the `content` to the top level of the event." `originServerTs`: an application
   * service's massaged timestamp (redactions keep now).
   */
  async send(
    requester: Requester,
    roomId: string,
    eventType: string,
    txnId: string,
    content: JsonObject,
    originServerTs?: number,
  ): Promise<string> {
    parseRoomId(roomId);
    if (eventType === 'm.room.redaction') {
      if (typeof content.redacts !== 'string') {
        throw new MatrixError(
          'M_INVALID_PARAM',
          400,
          'An m.room.redaction needs content.redacts, an event ID',
        );
      }
      return this.redactions.redact(requester, roomId, content.redacts, content, txnId);
    }
    refuseSelfTombstone(eventType, roomId, content);
    const txn = { userId: requester.userId, deviceId: requester.deviceId, txnId };
    const template = { ...timelineEvent(eventType, content), originServerTs };
    return (await this.perform.send(roomId, requester.userId, template, txn)).eventId;
  }
}
