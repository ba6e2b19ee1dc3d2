import type { MatrixClient, MatrixEvent } from 'matrix-js-sdk';

/**
 * matrix-js-sdk 37.5 (npm, unmodified) with its Rust crypto (@matrix-org/matrix-sdk-crypto-wasm),
 * every client on its own /sync loop, as Element runs it: what the end-to-end encryption suites
 * share.
 */
export type Sdk = typeof import('matrix-js-sdk');

export const PASSWORD = 'secret-pw';

export async function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * matrix-js-sdk leaves timers behind that stopClient() does not clear (request timeouts of up to
 * 110 s, a 5-minute wait on every event that stays undecryptable): unreferenced, they no longer
 * keep jest from exiting.
 */
function unrefTimers(): () => void {
  const original = global.setTimeout;
  global.setTimeout = ((...args: Parameters<typeof setTimeout>) =>
    original(...args).unref()) as typeof setTimeout;
  return () => {
    global.setTimeout = original;
  };
}

/**
 * Loads the SDK with its logging silenced and its timers unreferenced (call from beforeAll, in a
 * suite that restores jest's spies); returns it with the function that puts the timers back.
 */
export async function loadQuietSdk(): Promise<{ sdk: Sdk; restoreTimers: () => void }> {
  const restoreTimers = unrefTimers();
  // The Rust crypto traces every step to the console; failures still show as test errors.
  for (const level of ['debug', 'info', 'log', 'warn'] as const)
    jest.spyOn(console, level).mockImplementation(() => undefined);
  // The SDK's MatrixRTC manager complains of state it sees before its room during a first sync.
  const error = console.error.bind(console);
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    if (!String(args[0]).startsWith('[MatrixRTCSessionManager]')) error(...args);
  });
  const sdk = await import('matrix-js-sdk');
  const { logger } = await import('matrix-js-sdk/lib/logger.js');
  (logger as unknown as { setLevel(level: string): void }).setLevel('silent');
  return { sdk, restoreTimers };
}

/** Registers `name` on the server at `baseUrl` through the m.login.dummy stage. */
export async function register(sdk: Sdk, baseUrl: string, name: string): Promise<void> {
  const anon = sdk.createClient({ baseUrl });
  const session = await anon.registerRequest({ username: name, password: PASSWORD }).then(
    () => undefined,
    (err: { data?: { session?: string } }) => err.data?.session,
  );
  await anon.registerRequest({
    username: name,
    password: PASSWORD,
    auth: { type: 'm.login.dummy', session },
  });
}

/** A new device of `name`, with its own in-memory crypto store, synced once. */
export async function startDevice(sdk: Sdk, baseUrl: string, name: string): Promise<MatrixClient> {
  const login = await sdk.createClient({ baseUrl }).loginRequest(passwordAuth(name));
  const client = sdk.createClient({
    baseUrl,
    accessToken: login.access_token,
    userId: login.user_id,
    deviceId: login.device_id,
  });
  await client.initRustCrypto({ useIndexedDB: false });
  await client.startClient({ initialSyncLimit: 20 });
  await until(`${name}'s first sync`, () => client.isInitialSyncComplete());
  return client;
}

export const passwordAuth = (name: string) => ({
  type: 'm.login.password',
  identifier: { type: 'm.id.user', user: name },
  password: PASSWORD,
});

/** The decrypted text messages of the room as `client` sees them. */
export const plaintexts = (client: MatrixClient, roomId: string): string[] =>
  client
    .getRoom(roomId)
    ?.getLiveTimeline()
    .getEvents()
    .filter((e: MatrixEvent) => e.getType() === 'm.room.message' && !e.isDecryptionFailure())
    .map((e: MatrixEvent) => e.getContent().body as string) ?? [];

/** Whether `client`'s crypto has (downloaded, if need be) the device keys of `userId`'s `deviceId`. */
export const knowsDevice = async (client: MatrixClient, userId: string, deviceId: string) =>
  (await client.getCrypto()!.getUserDeviceInfo([userId], true)).get(userId)?.has(deviceId) ?? false;

/** The event of the room whose decrypted body is `body`, as `client` sees it. */
export const eventWithBody = (client: MatrixClient, roomId: string, body: string) =>
  client
    .getRoom(roomId)
    ?.getLiveTimeline()
    .getEvents()
    .find((e) => e.getClearContent()?.body === body);
