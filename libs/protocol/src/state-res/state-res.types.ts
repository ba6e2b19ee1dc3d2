import { IdentifiedPdu } from '../state/state-map';
import { AuthChainCache } from './auth-chain-cache';

/** Where state resolution gets events: it does no I/O, so the caller loads them beforehand. */
export type EventLookup = (eventId: string) => IdentifiedPdu | undefined;

export interface ResolveStateOptions {
  /** Reused across calls so that events and their auth edges are read and parsed once. */
  readonly authChainCache?: AuthChainCache;
  /**
   * Events "rejected due to failure to auth against their auth chain" (v2-state-res "Rejected
   * events"): in the iterative auth checks such an event is never used as an auth event. Defaults
   * to none.
   */
  readonly isRejected?: (eventId: string) => boolean;
}
