import { join } from 'node:path';
import {
  NOT_IN_SPEC,
  registeredMatrixRoutes,
  specRoutes,
} from '../../apps/homeserver/src/testing/spec-routes';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';

/** ARCHITECTURE.md: "a test compares the registered routes with shared/spec/endpoints.tsv". */
const SPEC_ENDPOINTS = join(__dirname, '../../../shared/spec/endpoints.tsv');

describe('registered Matrix routes', () => {
  let hs: TestHomeserver;
  beforeAll(async () => {
    hs = await startTestHomeserver();
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('are all operations of shared/spec/endpoints.tsv, with the spec method and path', () => {
    const spec = specRoutes(SPEC_ENDPOINTS);
    const matrixRoutes = registeredMatrixRoutes(hs.routes);
    expect(matrixRoutes.length).toBeGreaterThan(0);
    expect(matrixRoutes.filter((r) => !spec.has(r) && !NOT_IN_SPEC.has(r))).toEqual([]);
  });
});
