import { mkdtemp, rm } from 'node:fs/promises';
import { DynamicModule } from '@nestjs/common';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SwitchboardConfig } from '@switchboard/config';
import { ConfigOverrides, testConfig } from '@switchboard/config/testing';
import { createLogger } from '@switchboard/observability';
import { createScratchDatabase } from '@switchboard/storage/testing';
import { RunningHomeserver, startHomeserver } from '../start-homeserver';

export interface TestHomeserver extends RunningHomeserver {
  readonly config: SwitchboardConfig;
  /** http://127.0.0.1:<port> of the first listener. */
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * A real homeserver in this process on a free port (testConfig's listener has port 0), with a
 * data dir and a database of its own that stop() removes: embedded PGlite, or a scratch database
 * on the PostgreSQL of TEST_DATABASE_URL. `overrides` is merged over the test configuration.
 */
export async function startTestHomeserver(
  overrides: ConfigOverrides = {},
  extraModules: DynamicModule[] = [],
): Promise<TestHomeserver> {
  const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-hs-'));
  // CI sets TEST_DATABASE_URL: end-to-end tests then run on real PostgreSQL, the production shape.
  const scratch =
    process.env.TEST_DATABASE_URL && overrides.database === undefined ? await createScratchDatabase() : null;
  const config = testConfig({
    data_dir: dataDir,
    ...(scratch ? { database: { url: scratch.url } } : {}),
    ...overrides,
  });
  let server: RunningHomeserver;
  try {
    server = await startHomeserver(config, createLogger('silent'), extraModules);
  } catch (err) {
    await scratch?.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  const { port } = server.addresses[0];
  return {
    ...server,
    config,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await server.close();
      await scratch?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
