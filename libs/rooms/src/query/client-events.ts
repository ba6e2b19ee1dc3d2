import { Injectable } from '@nestjs/common';
import {
  ClientEvent,
  JsonObject,
  MatrixError,
  redactClientEvent,
  RoomVersion,
  roomVersion,
  toClientEvent,
} from '@switchboard/protocol';
import { EventRow, EventsRepository, RoomsRepository, Transactions } from '@switchboard/storage';

export interface Viewer {
  userId: string;
  deviceId?: string;
}

/**
 * Stored events as clients see them (client-server-api "Room Event Format"): redactions applied
 * with unsigned.redacted_because, unsigned.age, the sender's own transaction_id, and for state
 * events replaces_state and prev_content.
 */
@Injectable()
export class ClientEvents {
  private readonly versions = new Map<string, RoomVersion>();

  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly rooms: RoomsRepository,
  ) {}

  async serialize(rows: readonly EventRow[], viewer?: Viewer, now = Date.now()): Promise<ClientEvent[]> {
    const q = this.transactions.reader;
    const related = await this.events.getMany(q, [
      ...new Set(
        rows.flatMap((r) => [r.redactedBy, r.replacesState].filter((id): id is string => id !== null)),
      ),
    ]);
    const out: ClientEvent[] = [];
    for (const row of rows) {
      const version = await this.versionOf(row.roomId);
      const unsigned: JsonObject = { age: Math.max(0, now - row.originServerTs) };
      if (row.txn && viewer && row.txn.userId === viewer.userId && row.txn.deviceId === viewer.deviceId) {
        unsigned.transaction_id = row.txn.txnId;
      }
      if (row.replacesState) {
        unsigned.replaces_state = row.replacesState;
        const previous = related.get(row.replacesState);
        if (previous) {
          unsigned.prev_content = previous.redactedBy ? {} : previous.pdu.content;
          unsigned.prev_sender = previous.sender;
        }
      }
      let event = toClientEvent(row.eventId, row.roomId, row.pdu, unsigned);
      const redaction = row.redactedBy ? related.get(row.redactedBy) : undefined;
      if (redaction) {
        const because = toClientEvent(redaction.eventId, redaction.roomId, redaction.pdu);
        event = redactClientEvent(event, version, because as unknown as JsonObject);
        // redacted_by as well: not in the spec, but Synapse sends it and SyTest checks it.
        event.unsigned = {
          ...unsigned,
          redacted_by: redaction.eventId,
          redacted_because: because as unknown as JsonObject,
        };
        delete event.unsigned.prev_content;
      }
      out.push(event);
    }
    return out;
  }

  private async versionOf(roomId: string): Promise<RoomVersion> {
    let version = this.versions.get(roomId);
    if (!version) {
      const room = await this.rooms.get(this.transactions.reader, roomId);
      version = room ? roomVersion(room.roomVersion) : undefined;
      if (!version) throw new MatrixError('M_NOT_FOUND', 404, 'Unknown room');
      this.versions.set(roomId, version);
    }
    return version;
  }
}
