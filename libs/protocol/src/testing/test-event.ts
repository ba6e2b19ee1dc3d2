import { EventReference, EventSignatures, JsonObject, JsonValue, Pdu } from '../events/pdu.types';
import { IdentifiedPdu } from '../state/state-map';

export interface TestEventInit {
  readonly type: string;
  readonly sender: string;
  /** Present for state events; omitted for message events. */
  readonly stateKey?: string;
  readonly content?: JsonObject;
  /** Defaults to `!room:example.org`; `null` leaves room_id out (a v12 create event). */
  readonly roomId?: string | null;
  /** Defaults to a fresh fake ID, `$test<n>`. */
  readonly eventId?: string;
  readonly prevEvents?: EventReference[];
  readonly authEvents?: EventReference[];
  readonly depth?: number;
  readonly originServerTs?: number;
  readonly redacts?: string;
  /** Defaults to one fake signature by the sender's server. */
  readonly signatures?: EventSignatures;
  /** Further top-level fields. */
  readonly extra?: Readonly<Record<string, JsonValue>>;
}

let counter = 0;

/**
 * An IdentifiedPdu for tests of algorithms that read events (auth rules, state resolution): fake
 * hashes, signatures and IDs, nothing computed.
 */
export function testEvent(init: TestEventInit): IdentifiedPdu {
  counter += 1;
  const eventId = init.eventId ?? `$test${counter}`;
  const senderServer = init.sender.slice(init.sender.indexOf(':') + 1);
  const pdu: Pdu = {
    ...init.extra,
    type: init.type,
    sender: init.sender,
    content: init.content ?? {},
    origin_server_ts: init.originServerTs ?? 1_700_000_000_000 + counter,
    prev_events: init.prevEvents ?? [],
    auth_events: init.authEvents ?? [],
    depth: init.depth ?? counter,
    hashes: { sha256: 'fakehash' },
    signatures: init.signatures ?? { [senderServer]: { 'ed25519:test': 'fakesignature' } },
  };
  if (init.roomId !== null) pdu.room_id = init.roomId ?? '!room:example.org';
  if (init.stateKey !== undefined) pdu.state_key = init.stateKey;
  if (init.redacts !== undefined) pdu.redacts = init.redacts;
  return { eventId, pdu };
}
