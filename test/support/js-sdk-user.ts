import type { MatrixClient } from 'matrix-js-sdk';
import { until } from './until';

export type Sdk = typeof import('matrix-js-sdk');

/** matrix-js-sdk (an ES module) loaded the way jest allows, with its per-sync logging silenced. */
export async function loadSdk(): Promise<Sdk> {
  const sdk = await import('matrix-js-sdk');
  const { logger } = await import('matrix-js-sdk/lib/logger.js');
  const root = logger as unknown as {
    setLevel(level: string): void;
    methodFactory: unknown;
    rebuild(): void;
  };
  root.setLevel('silent');
  // Child loggers (MatrixRTCSessionManager, ...) set their own level but take the root's factory.
  root.methodFactory = () => () => undefined;
  root.rebuild();
  return sdk;
}

/**
 * Registers `name` through user-interactive auth (m.login.dummy), logs in with the password and
 * starts the client's own /sync loop, as Element does; resolves after the first sync.
 */
export async function sdkUser(sdk: Sdk, baseUrl: string, name: string): Promise<MatrixClient> {
  const anon = sdk.createClient({ baseUrl });
  const session = await anon.registerRequest({ username: name, password: 'secret-pw' }).then(
    () => undefined,
    (err: { data?: { session?: string } }) => err.data?.session,
  );
  await anon.registerRequest({
    username: name,
    password: 'secret-pw',
    auth: { type: 'm.login.dummy', session },
  });
  const login = await anon.loginRequest({
    type: 'm.login.password',
    identifier: { type: 'm.id.user', user: name },
    password: 'secret-pw',
  });
  const client = sdk.createClient({
    baseUrl,
    accessToken: login.access_token,
    userId: login.user_id,
    deviceId: login.device_id,
  });
  await client.startClient({ initialSyncLimit: 20 });
  await until(`${name}'s first sync`, () => client.isInitialSyncComplete());
  return client;
}
