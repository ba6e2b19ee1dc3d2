import { RoomKeyRow } from '@switchboard/storage';

type KeyMetadata = Pick<RoomKeyRow, 'isVerified' | 'firstMessageIndex' | 'forwardedCount'>;

/**
 * Whether an uploaded key replaces the stored one (client-server-api "Server-side key backups"):
 * "if the keys have different values for `is_verified`, then it will keep the key that has
 * `is_verified` set to `true`; if they have the same values for `is_verified`, then it will keep
 * the key with a lower `first_message_index`; and finally, if `is_verified` and
 * `first_message_index` are equal, then it will keep the key with a lower `forwarded_count`."
 * A key equal in all three keeps the stored one.
 */
export function replacesRoomKey(stored: KeyMetadata | undefined, uploaded: KeyMetadata): boolean {
  if (!stored) return true;
  if (stored.isVerified !== uploaded.isVerified) return uploaded.isVerified;
  if (stored.firstMessageIndex !== uploaded.firstMessageIndex)
    return uploaded.firstMessageIndex < stored.firstMessageIndex;
  return uploaded.forwardedCount < stored.forwardedCount;
}
