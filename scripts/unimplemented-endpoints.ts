// Lists the client-server operations of shared/spec/endpoints.tsv that the server does not route,
// by starting a test homeserver (embedded database) and comparing its routes the way
// test/homeserver/routes-match-spec.spec.ts does (apps/homeserver/src/testing/spec-routes.ts).
// Run from the repository root:
//
//   npx swc scripts/unimplemented-endpoints.ts apps libs bridges -d dist-scripts -q --ignore "**/*.spec.ts" \
//     && node dist-scripts/scripts/unimplemented-endpoints.js [--api client|federation|appservice]
//
// Prints one `section<TAB>METHOD<TAB>path<TAB>operationId` line per missing operation.
import { resolve } from 'node:path';
import { readSpecOperations, registeredMatrixRoutes } from '../apps/homeserver/src/testing/spec-routes';
import { startTestHomeserver } from '../apps/homeserver/src/testing/test-homeserver';

async function main(): Promise<void> {
  const apiFlag = process.argv.indexOf('--api');
  const api = apiFlag >= 0 ? process.argv[apiFlag + 1] : 'client';
  const operations = readSpecOperations(resolve('../shared/spec/endpoints.tsv')).filter(
    (op) => op.api === api,
  );
  const hs = await startTestHomeserver();
  try {
    const routed = new Set(registeredMatrixRoutes(hs.routes));
    const missing = operations
      .filter((op) => !routed.has(op.route))
      .sort((a, b) => a.section.localeCompare(b.section) || a.path.localeCompare(b.path));
    for (const op of missing)
      process.stdout.write(`${op.section}\t${op.method}\t${op.path}\t${op.operationId}\n`);
    process.stderr.write(`${missing.length} of ${operations.length} ${api} operations not routed\n`);
  } finally {
    await hs.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
