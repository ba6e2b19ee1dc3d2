import {
  BasicEvent,
  JsonObject,
  matchesEventFilter,
  PresenceEvent,
  roomFilterIncludes,
} from '@switchboard/protocol';
import { SyncRequest, SyncResponseBuilder } from './sync-stream';

/**
 * How the per-user streams (typing, receipts, presence, account data) put an event into a /sync
 * response, after the request's filter: the room filter's rooms, then `room.ephemeral`,
 * `room.account_data`, `presence` or `account_data`. Room events are matched with their room_id,
 * which the response leaves out.
 */
export function addRoomEphemeral(
  req: SyncRequest,
  out: SyncResponseBuilder,
  roomId: string,
  event: BasicEvent,
): void {
  const room = req.filter.room;
  if (!roomFilterIncludes(room, roomId)) return;
  if (room?.ephemeral && !matchesEventFilter(room.ephemeral, withRoom(event, roomId))) return;
  const body = out.joinedRoom(roomId);
  (body.ephemeral ??= { events: [] }).events.push(event);
}

export function addRoomAccountData(
  req: SyncRequest,
  out: SyncResponseBuilder,
  roomId: string,
  event: BasicEvent,
): void {
  const room = req.filter.room;
  if (!roomFilterIncludes(room, roomId)) return;
  if (room?.account_data && !matchesEventFilter(room.account_data, withRoom(event, roomId))) return;
  const body = out.joinedRoom(roomId);
  (body.account_data ??= { events: [] }).events.push(event);
}

export function addGlobalAccountData(req: SyncRequest, out: SyncResponseBuilder, event: BasicEvent): void {
  if (req.filter.account_data && !matchesEventFilter(req.filter.account_data, asJson(event))) return;
  (out.body.account_data ??= { events: [] }).events.push(event);
}

export function addPresence(req: SyncRequest, out: SyncResponseBuilder, event: PresenceEvent): void {
  if (req.filter.presence && !matchesEventFilter(req.filter.presence, asJson(event))) return;
  (out.body.presence ??= { events: [] }).events.push(event);
}

function withRoom(event: BasicEvent, roomId: string): JsonObject {
  return { ...asJson(event), room_id: roomId };
}

function asJson(event: BasicEvent): JsonObject {
  return event as unknown as JsonObject;
}
