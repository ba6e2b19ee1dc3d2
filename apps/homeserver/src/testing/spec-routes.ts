import { readFileSync } from 'node:fs';
import { RouteTable } from '@switchboard/http';

/** One row of shared/spec/endpoints.tsv, with the route key the server would register for it. */
export interface SpecOperation {
  readonly api: string;
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly section: string;
  /** `METHOD /path/:param`, the form of registeredMatrixRoutes(). */
  readonly route: string;
}

/**
 * Operations gone from the spec that other servers (and SyTest) still call: v1 send_join and
 * send_leave, replaced by v2 (MSC1802), key fetches by key ID, and a redaction without a
 * transaction ID (Synapse's r0 POST form).
 */
export const LEGACY_ROUTES: readonly string[] = [
  'GET /_matrix/key/v2/server/:keyId',
  'GET /_matrix/key/v2/query/:serverName/:keyId',
  'POST /_matrix/client/v3/rooms/:roomId/redact/:eventId',
  'PUT /_matrix/federation/v1/send_join/:roomId/:eventId',
  'PUT /_matrix/federation/v1/send_leave/:roomId/:eventId',
];

/**
 * Routes under /_matrix/ that no spec operation covers, kept for what clients and SyTest use:
 * CAS single sign-on's legacy redirect and its ticket endpoint (reached by Synapse's r0 path),
 * and the onbind callback as identity servers POST it.
 */
export const NOT_IN_SPEC: ReadonlySet<string> = new Set([
  'POST /_matrix/federation/v1/3pid/onbind',
  'GET /_matrix/client/v3/login/cas/redirect',
  'GET /_matrix/client/v3/login/cas/ticket',
  // push rules paths that name nothing: 400 as Synapse answers them (otherPushRulesPaths)
  'GET /_matrix/client/v3/pushrules/*',
  'PUT /_matrix/client/v3/pushrules/*',
  'DELETE /_matrix/client/v3/pushrules/*',
  'PUT /_matrix/client/v3/pushrules',
  'DELETE /_matrix/client/v3/pushrules',
  // taking a room out of an application service's directory, as Synapse serves it and SyTest calls it
  'DELETE /_matrix/client/v3/directory/list/appservice/:networkId/:roomId',
]);

/** `{roomId}` placeholders become Fastify's `:roomId`; a trailing slash is dropped as Nest does. */
export function routeKey(method: string, specPath: string): string {
  return `${method} ${specPath.replace(/\{(\w+)\}/g, ':$1').replace(/(.)\/$/, '$1')}`;
}

export function readSpecOperations(endpointsTsv: string): SpecOperation[] {
  const rows = readFileSync(endpointsTsv, 'utf8').trim().split('\n').slice(1);
  return rows.map((row) => {
    const [api, method, path, operationId, , , section] = row.split('\t');
    return { api, method, path, operationId, section, route: routeKey(method, path) };
  });
}

/** What a registered route may be: a spec operation or a legacy one other servers still call. */
export function specRoutes(endpointsTsv: string): Set<string> {
  return new Set([...LEGACY_ROUTES, ...readSpecOperations(endpointsTsv).map((op) => op.route)]);
}

/** The server's Matrix routes (under /_matrix/ and /.well-known/) as `METHOD /path/:param`. */
export function registeredMatrixRoutes(routes: RouteTable): string[] {
  return (
    routes
      .entries()
      .filter(
        (r) => r.method !== 'HEAD' && (r.url.startsWith('/_matrix/') || r.url.startsWith('/.well-known/')),
      )
      // A descriptor's optionalLastParam registers `:param?`: the spec's path all the same.
      .map((r) => `${r.method} ${r.url.replace(/\?$/, '')}`)
  );
}
