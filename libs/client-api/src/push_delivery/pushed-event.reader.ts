import { Injectable } from '@nestjs/common';
import { JsonObject, JsonValue } from '@switchboard/protocol';
import { RoomStateQuery } from '@switchboard/rooms';
import { EventsRepository, Transactions } from '@switchboard/storage';
import { PushedEvent } from './notify-request';

/** What a push tells of an event: the event, and the room's name, alias and the sender's name now. */
@Injectable()
export class PushedEventReader {
  constructor(
    private readonly transactions: Transactions,
    private readonly events: EventsRepository,
    private readonly rooms: RoomStateQuery,
  ) {}

  /** Null when the event is gone or redacted. */
  async read(userId: string, roomId: string, eventId: string): Promise<PushedEvent | null> {
    const row = await this.events.get(this.transactions.reader, eventId);
    if (!row || row.redactedBy !== null) return null;
    // An invite from another server is to a room whose state this server does not have: what it
    // knows is the stripped state the invite came with.
    const stripped = strippedState(row.pdu.unsigned?.invite_room_state);
    const state = (type: string, key: string) =>
      this.rooms.currentEvent(roomId, type, key).then((event) => event?.pdu.content ?? stripped.get(type));
    const [name, alias, member] = await Promise.all([
      state('m.room.name', ''),
      state('m.room.canonical_alias', ''),
      this.rooms.currentEvent(roomId, 'm.room.member', row.sender).then((event) => event?.pdu.content),
    ]);
    return {
      eventId,
      roomId,
      type: row.type,
      sender: row.sender,
      content: row.pdu.content,
      userIsTarget: row.stateKey === userId,
      ...stringField('senderDisplayName', member, 'displayname'),
      // A room without a name goes by its alias, as clients show it (and as Synapse pushes it).
      ...stringField('roomName', alias, 'alias'),
      ...stringField('roomName', name, 'name'),
      ...stringField('roomAlias', alias, 'alias'),
    };
  }
}

/** Stripped state events (`{type, state_key, content, sender}`) by type, for the state key "". */
function strippedState(value: JsonValue | undefined): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  if (!Array.isArray(value)) return out;
  for (const event of value) {
    if (!isObject(event) || event.state_key !== '' || typeof event.type !== 'string') continue;
    if (isObject(event.content)) out.set(event.type, event.content);
  }
  return out;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringField<K extends string>(
  key: K,
  content: JsonObject | undefined,
  field: string,
): Partial<Record<K, string>> {
  const value = content?.[field];
  return typeof value === 'string' && value !== '' ? ({ [key]: value } as Record<K, string>) : {};
}
