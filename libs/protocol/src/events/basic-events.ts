import { JsonObject } from './pdu.types';

/**
 * Events outside the room graph (client-server-api "Types of room events": ephemeral events,
 * account data, presence): only `type` and `content`, and `sender` for m.presence.
 */
export interface BasicEvent {
  type: string;
  content: JsonObject;
}

export interface PresenceEvent extends BasicEvent {
  type: 'm.presence';
  sender: string;
}

/** m.typing: "the list of users currently typing", which replaces what the client knew. */
export function typingEvent(userIds: readonly string[]): BasicEvent {
  return { type: 'm.typing', content: { user_ids: [...userIds] } };
}

/** One receipt of m.receipt: `{ts, thread_id?}` under event, receipt type and user. */
export interface ReceiptEntry {
  eventId: string;
  receiptType: string;
  userId: string;
  ts: number;
  /** Absent for an unthreaded receipt. */
  threadId?: string;
}

/** m.receipt, batched into one event per room ("receipts SHOULD be batched into one event per room"). */
export function receiptEvent(receipts: readonly ReceiptEntry[]): BasicEvent {
  const content: Record<string, Record<string, Record<string, JsonObject>>> = {};
  for (const r of receipts) {
    const byType = (content[r.eventId] ??= {});
    const byUser = (byType[r.receiptType] ??= {});
    byUser[r.userId] = r.threadId === undefined ? { ts: r.ts } : { ts: r.ts, thread_id: r.threadId };
  }
  return { type: 'm.receipt', content };
}

/** An account data event, global or per room (modules/account_data.md, m.tag, m.fully_read). */
export function accountDataEvent(type: string, content: JsonObject): BasicEvent {
  return { type, content };
}

export interface PresenceContent {
  presence: string;
  last_active_ago?: number;
  status_msg?: string;
  currently_active?: boolean;
  displayname?: string;
  avatar_url?: string;
}

/** m.presence for `userId`; absent fields are left out rather than sent as null. */
export function presenceEvent(userId: string, content: PresenceContent): PresenceEvent {
  const body: JsonObject = {};
  for (const [key, value] of Object.entries(content)) if (value !== undefined) body[key] = value;
  return { type: 'm.presence', sender: userId, content: body };
}
