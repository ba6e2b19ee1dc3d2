import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';

/** ARCHITECTURE.md: "a test compares the registered routes with shared/spec/endpoints.tsv". */
const SPEC_ENDPOINTS = join(__dirname, '../../../shared/spec/endpoints.tsv');

/**
 * Operations gone from the spec that other servers (and SyTest) still call: v1 send_join and
 * send_leave, replaced by v2 (MSC1802), and key fetches by key ID.
 */
const LEGACY_ROUTES = [
  'GET /_matrix/key/v2/server/:keyId',
  'PUT /_matrix/federation/v1/send_join/:roomId/:eventId',
  'PUT /_matrix/federation/v1/send_leave/:roomId/:eventId',
];

function specRoutes(): Set<string> {
  const rows = readFileSync(SPEC_ENDPOINTS, 'utf8').trim().split('\n').slice(1);
  return new Set([
    ...LEGACY_ROUTES,
    ...rows.map((row) => {
      const [, method, path] = row.split('\t');
      return `${method} ${path.replace(/\{(\w+)\}/g, ':$1').replace(/(.)\/$/, '$1')}`;
    }),
  ]);
}

/**
 * Routes under /_matrix/ that no spec operation covers, kept for what clients and SyTest use:
 * CAS single sign-on's legacy redirect and its ticket endpoint (reached by Synapse's r0 path),
 * and the onbind callback as identity servers POST it.
 */
const NOT_IN_SPEC = new Set([
  'POST /_matrix/federation/v1/3pid/onbind',
  'GET /_matrix/client/v3/login/cas/redirect',
  'GET /_matrix/client/v3/login/cas/ticket',
]);

describe('registered Matrix routes', () => {
  let hs: TestHomeserver;
  beforeAll(async () => {
    hs = await startTestHomeserver();
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('are all operations of shared/spec/endpoints.tsv, with the spec method and path', () => {
    const spec = specRoutes();
    const matrixRoutes = hs.routes
      .entries()
      .filter(
        (r) => r.method !== 'HEAD' && (r.url.startsWith('/_matrix/') || r.url.startsWith('/.well-known/')),
      )
      // A descriptor's optionalLastParam registers `:param?`: the spec's path all the same.
      .map((r) => `${r.method} ${r.url.replace(/\?$/, '')}`);
    expect(matrixRoutes.length).toBeGreaterThan(0);
    expect(matrixRoutes.filter((r) => !spec.has(r) && !NOT_IN_SPEC.has(r))).toEqual([]);
  });
});
