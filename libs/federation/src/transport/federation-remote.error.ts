import { MatrixError } from '@switchboard/protocol';

/**
 * A remote server answered with an HTTP error. Its errcode, message and status are kept, so a
 * caller that lets it through relays the remote's answer to its own client, as Synapse does with a
 * proxied request (HttpResponseException.to_synapse_error); a body without an errcode is M_UNKNOWN.
 */
export class FederationRemoteError extends MatrixError {
  constructor(
    readonly destination: string,
    status: number,
    body: unknown,
  ) {
    const fields = isObject(body) ? body : {};
    const { errcode, error, ...extra } = fields;
    super(
      typeof errcode === 'string' ? errcode : 'M_UNKNOWN',
      status,
      typeof error === 'string' ? error : `${destination} answered ${status}`,
      extra,
    );
    this.name = 'FederationRemoteError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
