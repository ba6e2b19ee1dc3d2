import { Pdu } from '@switchboard/protocol';

/**
 * An event arriving from another server (STYLE.md "The event input pipeline"):
 * - new: live traffic (a /send transaction); fetches missing prev_events.
 * - backfill: history (GET /backfill); never fetches forward. Placed below everything stored (a
 *   reserved negative stream position, oldest lowest), it moves no forward extremity and no
 *   current state, and no stream (/sync, outbox, push) reads it as new.
 * - outlier: an event needed for auth (or a join's state): stored, in no timeline and no state.
 */
export interface InputEvent {
  readonly kind: 'new' | 'backfill' | 'outlier';
  readonly roomId: string;
  readonly pdu: Pdu;
  /** The server that sent it, asked for what is missing. */
  readonly origin: string;
}

export type InputOutcome = 'accepted' | 'soft_failed' | 'rejected' | 'duplicate';

export interface InputResult {
  readonly eventId: string;
  readonly outcome: InputOutcome;
  readonly reason?: string;
  readonly position?: number;
}

/** Why an event stops in the pipeline; each step throws it with the spec's reason. */
export class InputRejection extends Error {
  constructor(
    readonly outcome: 'rejected' | 'dropped',
    reason: string,
  ) {
    super(reason);
  }
}
