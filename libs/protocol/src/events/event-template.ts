import { JsonObject } from './pdu.types';

/**
 * What a handler asks the room server to send (STYLE.md §2.3): type, content and, for state, the
 * state key. The room server alone turns a template into a PDU (prev_events, auth_events, depth,
 * hashes, signatures).
 */
export interface EventTemplate {
  readonly type: string;
  readonly stateKey?: string;
  readonly content: JsonObject;
  /** m.room.redaction: the target, top-level before v11 and in content from v11 (the builder places it). */
  readonly redacts?: string;
  /**
   * The origin_server_ts an application service asked for (application-service-api "Timestamp
   * massaging"); the event is still appended at the tip of the DAG. Absent: now.
   */
  readonly originServerTs?: number;
}

export function stateEvent(type: string, stateKey: string, content: JsonObject): EventTemplate {
  return { type, stateKey, content };
}

export function timelineEvent(type: string, content: JsonObject): EventTemplate {
  return { type, content };
}

/** An m.room.redaction of `redacts`; content holds the optional reason. */
export function redactionEvent(redacts: string, content: JsonObject): EventTemplate {
  return { type: 'm.room.redaction', content, redacts };
}
