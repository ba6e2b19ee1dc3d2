import { rmSync } from 'node:fs';
import { FederationClient } from '@switchboard/federation';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { syncClient, TestUser } from '../client-api/sync-client';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { Json } from '../support/http';
import { freePort, selfSignedCertificateFiles } from '../support/network';

/**
 * server-server-api "Device Management": a remote user's device list is fetched once with GET
 * /user/devices while a local user shares a room with them, then kept up to date by the
 * `m.device_list_update` EDUs their server sends, so keys/query no longer asks that server.
 */
describe('the cache of remote device lists', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-device-lists-');
  let a: TestHomeserver;
  let b: TestHomeserver;
  let ca: ReturnType<typeof syncClient>;
  let cb: ReturnType<typeof syncClient>;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([
      startFederatingHomeserver(portA, { certificate, key }),
      startFederatingHomeserver(portB, { certificate, key }),
    ]);
    ca = syncClient(a);
    cb = syncClient(b);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const call = async (
    c: ReturnType<typeof syncClient>,
    u: TestUser,
    method: string,
    path: string,
    body: unknown,
  ) => (await c.api.call(method, path, body, u.token)) as { status: number; body: Json };
  const queryKeys = async (alice: TestUser, userId: string) =>
    (await call(ca, alice, 'POST', '/_matrix/client/v3/keys/query', { device_keys: { [userId]: [] } })).body;
  /** GET /user/devices that `a` sent since the spy was made. */
  const deviceListFetches = (spy: jest.SpyInstance) =>
    spy.mock.calls.filter(([, request]) =>
      String(request.path).startsWith('/_matrix/federation/v1/user/devices/'),
    ).length;

  it('answers keys/query from the cache, and applies m.device_list_update to it', async () => {
    const alice = await ca.user('alice');
    const dave = await cb.user('dave');
    const daveKeys = {
      user_id: dave.userId,
      device_id: dave.deviceId,
      algorithms: ['m.olm.v1.curve25519-aes-sha2'],
      keys: { [`ed25519:${dave.deviceId}`]: 'dave+ed25519' },
      signatures: { [dave.userId]: { [`ed25519:${dave.deviceId}`]: 'sig' } },
    };
    await call(cb, dave, 'POST', '/_matrix/client/v3/keys/upload', { device_keys: daveKeys });
    const roomId = await ca.createRoom(alice);
    const joined = await call(
      cb,
      dave,
      'POST',
      `/_matrix/client/v3/join/${encodeURIComponent(roomId)}?server_name=${encodeURIComponent(a.config.server_name)}`,
      {},
    );
    expect(joined.status).toBe(200);

    const first = await queryKeys(alice, dave.userId);
    expect(first.device_keys[dave.userId]).toEqual({ [dave.deviceId]: { ...daveKeys, unsigned: {} } });
    const since = (await ca.sync(alice)).next_batch;

    const requests = jest.spyOn(a.app.get(FederationClient), 'request');
    const second = await queryKeys(alice, dave.userId);
    expect(second.device_keys).toEqual(first.device_keys);
    expect(second.failures).toEqual({});
    expect(deviceListFetches(requests)).toBe(0);

    const renamed = await call(cb, dave, 'PUT', `/_matrix/client/v3/devices/${dave.deviceId}`, {
      display_name: 'new name',
    });
    expect(renamed.status).toBe(200);
    const told = await ca.sync(alice, { since, timeout: 20000 });
    expect(told.device_lists?.changed).toEqual([dave.userId]);
    const third = await queryKeys(alice, dave.userId);
    expect(third.device_keys[dave.userId][dave.deviceId].unsigned).toEqual({
      device_display_name: 'new name',
    });
    expect(deviceListFetches(requests)).toBe(0);
    requests.mockRestore();
  });

  it('fetches the list again after a time without a shared room, then caches it again', async () => {
    const alice = await ca.user('alice');
    const erin = await cb.user('erin');
    const roomId = await ca.createRoom(alice);
    const room = encodeURIComponent(roomId);
    const joinErin = () =>
      call(
        cb,
        erin,
        'POST',
        `/_matrix/client/v3/join/${room}?server_name=${encodeURIComponent(a.config.server_name)}`,
        {},
      );
    const erinJoined = async () =>
      Boolean(
        (await call(ca, alice, 'GET', `/_matrix/client/v3/rooms/${room}/joined_members`, undefined)).body
          .joined[erin.userId],
      );
    await joinErin();
    await waitFor(erinJoined);
    await queryKeys(alice, erin.userId);
    await call(cb, erin, 'POST', `/_matrix/client/v3/rooms/${room}/leave`, {});
    await waitFor(async () => !(await erinJoined()));
    await joinErin();
    await waitFor(erinJoined);

    const requests = jest.spyOn(a.app.get(FederationClient), 'request');
    await queryKeys(alice, erin.userId);
    await queryKeys(alice, erin.userId);
    expect(deviceListFetches(requests)).toBe(1);
    requests.mockRestore();
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out');
}
