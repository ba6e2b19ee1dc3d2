import { PresenceContent } from '@switchboard/protocol';
import { PresenceRow } from '@switchboard/storage';

// Synapse's granularity: a user seen in the last minute is "currently active".
const CURRENTLY_ACTIVE_MS = 60_000;

/**
 * What a stored presence says now: last_active_ago counted from the stored time ("The last active
 * time must be up to date whenever the server gives a presence event to the client").
 */
export function presenceContent(row: PresenceRow | null, now = Date.now()): PresenceContent {
  if (!row) return { presence: 'offline' };
  const lastActiveAgo = Math.max(0, now - row.lastActiveTs);
  return {
    presence: row.presence,
    last_active_ago: lastActiveAgo,
    ...(row.statusMsg !== null ? { status_msg: row.statusMsg } : {}),
    currently_active: row.presence === 'online' && lastActiveAgo < CURRENTLY_ACTIVE_MS,
  };
}
