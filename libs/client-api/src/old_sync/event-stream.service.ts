import { Injectable } from '@nestjs/common';
import { Filter, JsonObject } from '@switchboard/protocol';
import { Requester } from '../auth/requester';
import { SyncBody } from '../sync/sync-stream';
import { parseSyncToken } from '../sync/sync-token';
import { SyncService } from '../sync/sync.service';

/** A filter that lets no data through: a full /sync under it only answers "where are the streams now". */
const NOTHING: Filter = {
  presence: { types: [] },
  account_data: { types: [] },
  room: { rooms: [], account_data: { types: [] } },
};

/** How many events of one room a single /events answer carries at most. */
const ROOM_EVENTS_LIMIT = 100;

export interface EventStreamChunk {
  start: string;
  end: string;
  chunk: JsonObject[];
}

/**
 * GET /events (old_sync "Listen on the event stream"), answered by the /sync streams: its tokens
 * are /sync tokens, and the events since `from` are those of an incremental /sync, flattened into
 * one list of events that carry their room_id.
 */
@Injectable()
export class EventStreamService {
  constructor(private readonly syncs: SyncService) {}

  /**
   * Without `from` (or with an empty one) the stream starts now: only events after the request are returned. `roomId`
   * (peeking_events) keeps the events of that room only; events of rooms the user is not in are
   * not streamed.
   */
  async events(
    requester: Requester,
    from: string | undefined,
    timeoutMs: number,
    roomId: string | undefined,
    signal?: AbortSignal,
  ): Promise<EventStreamChunk> {
    const base = { userId: requester.userId, deviceId: requester.deviceId, fullState: false };
    // An empty `from` means "now" too, as on Synapse (SyTest's clients send one).
    const start = from || (await this.syncs.sync({ ...base, filter: NOTHING }, 0, signal)).next_batch;
    const since = parseSyncToken(start, 'from');
    const room = { timeline: { limit: ROOM_EVENTS_LIMIT }, ...(roomId ? { rooms: [roomId] } : {}) };
    const filter: Filter = roomId ? { room, presence: { types: [] }, account_data: { types: [] } } : { room };
    const body = await this.syncs.sync({ ...base, since, filter }, timeoutMs, signal);
    return { start, end: body.next_batch, chunk: flatten(body) };
  }
}

/** The room events, room ephemeral events and presence of a /sync answer, in that order. */
function flatten(body: SyncBody): JsonObject[] {
  const chunk: JsonObject[] = [];
  const withRoom = (events: unknown[] | undefined, roomId: string) => {
    for (const event of events ?? []) chunk.push({ ...(event as JsonObject), room_id: roomId });
  };
  for (const [roomId, room] of Object.entries(body.rooms?.join ?? {})) {
    withRoom(room.timeline?.events, roomId);
    withRoom(room.ephemeral?.events, roomId);
  }
  for (const [roomId, room] of Object.entries(body.rooms?.leave ?? {})) {
    withRoom(room.timeline?.events, roomId);
  }
  for (const event of body.presence?.events ?? []) chunk.push(event as JsonObject);
  return chunk;
}
