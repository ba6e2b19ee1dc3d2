import { JoinedRoomBody, SyncBody, SyncResponseBuilder } from './sync-stream';

/** Fields that describe the device rather than news: present in every response, never "an update". */
const STANDING_FIELDS = new Set([
  'next_batch',
  'device_one_time_keys_count',
  'device_unused_fallback_key_types',
]);

/** The response one /sync computation assembles. */
export class SyncResponse implements SyncResponseBuilder {
  readonly body: SyncBody = { next_batch: '' };
  readonly joinedRoomIds = new Set<string>();

  joinedRoom(roomId: string): JoinedRoomBody {
    const join = ((this.body.rooms ??= {}).join ??= {});
    return (join[roomId] ??= {});
  }

  /** Whether anything is worth returning early from a long-poll. */
  hasUpdates(): boolean {
    return Object.entries(this.body).some(([key, value]) => !STANDING_FIELDS.has(key) && hasContent(value));
  }
}

/** Non-empty somewhere below: a room entry counts only when one of its sections has content. */
function hasContent(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (value === null || typeof value !== 'object') return value !== undefined;
  return Object.values(value).some(hasContent);
}
