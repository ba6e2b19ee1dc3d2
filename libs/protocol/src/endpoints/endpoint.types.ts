/**
 * An operation of the spec as plain data (ARCHITECTURE.md: endpoint descriptors live in protocol).
 * `path` is written as in shared/spec/endpoints.tsv (`{roomId}` placeholders), so a test can diff
 * the routes the server registers against the spec's list.
 */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export type EndpointAuth = 'access_token' | 'optional_access_token' | 'x_matrix' | 'as_token' | 'none';

export interface Endpoint {
  readonly operationId: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly auth: EndpointAuth;
  /** The `section` column of endpoints.tsv, which names the folder that implements it. */
  readonly section: string;
  readonly rateLimited?: boolean;
  /**
   * The last path parameter may be empty and then left out with its slash, as the state endpoints'
   * `stateKey`: "When an empty string, the trailing slash on this endpoint is optional."
   */
  readonly optionalLastParam?: boolean;
}
