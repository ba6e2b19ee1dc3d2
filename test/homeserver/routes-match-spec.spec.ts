import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';

/** ARCHITECTURE.md: "a test compares the registered routes with shared/spec/endpoints.tsv". */
const SPEC_ENDPOINTS = join(__dirname, '../../../shared/spec/endpoints.tsv');

function specRoutes(): Set<string> {
  const rows = readFileSync(SPEC_ENDPOINTS, 'utf8').trim().split('\n').slice(1);
  return new Set(
    rows.map((row) => {
      const [, method, path] = row.split('\t');
      return `${method} ${path.replace(/\{(\w+)\}/g, ':$1').replace(/(.)\/$/, '$1')}`;
    }),
  );
}

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
    expect(matrixRoutes.filter((r) => !spec.has(r))).toEqual([]);
  });
});
