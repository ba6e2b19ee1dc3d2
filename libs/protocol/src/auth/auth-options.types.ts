import { Pdu } from '../events/pdu.types';

/** What the auth rules cannot decide from the events alone. */
export interface AuthOptions {
  /**
   * True iff `pdu` is validly signed by `serverName` (rule "If the event is not validly signed by
   * the homeserver of the user ID denoted by the key [join_authorised_via_users_server], reject").
   * Event signatures are verified on receipt (server-server-api "Checks performed on receipt of a
   * PDU", step 2) with the server keys the rules do not have, so by default the rule checks that
   * such a signature is present.
   */
  readonly isSignedBy?: (pdu: Pdu, serverName: string) => boolean;
  /** True iff the event was rejected (auth_events rule "entries which were themselves rejected"). */
  readonly isRejected?: (eventId: string) => boolean;
}
