import { MatrixError } from '@switchboard/protocol';

/**
 * Why a request never got a usable answer; all of them are worth backing off from.
 * - `resolve`: discovery or DNS failed; `denied`: every address is in the IP deny list;
 * - `connect`, `tls`, `timeout`: the connection failed, TLS did not verify, or it took too long;
 * - `too_large`, `bad_response`: the answer was too big, or not a JSON object.
 */
export type FederationTransportFailure =
  'resolve' | 'denied' | 'connect' | 'tls' | 'timeout' | 'too_large' | 'bad_response';

/**
 * A federation request failed below HTTP: no remote errcode to relay. A caller backs off from the
 * destination; one that lets it through answers its client 502, as a gateway whose upstream
 * failed.
 */
export class FederationTransportError extends MatrixError {
  constructor(
    readonly destination: string,
    readonly failure: FederationTransportFailure,
    message: string,
  ) {
    super('M_UNKNOWN', 502, `Federation with ${destination} failed: ${message}`);
    this.name = 'FederationTransportError';
  }
}
