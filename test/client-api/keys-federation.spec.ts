import { rmSync } from 'node:fs';
import { FederationClient } from '@switchboard/federation';
import { TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { startFederatingHomeserver } from '../support/federating-homeserver';
import { Json } from '../support/http';
import { freePort, selfSignedCertificateFiles } from '../support/network';
import { syncClient, TestUser } from './sync-client';

/**
 * client-server-api "Downloading keys" and "Claiming one-time keys" for users of another server,
 * through server-server-api "End-to-End Encryption" (POST /user/keys/query and /user/keys/claim)
 * and "Device Management" (GET /user/devices/{userId}), between two Switchboards.
 */
describe('end-to-end keys over federation', () => {
  const { dir, certificate, key } = selfSignedCertificateFiles('switchboard-keys-');
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

  const post = async (c: ReturnType<typeof syncClient>, u: TestUser, path: string, body: unknown) =>
    (await c.api.call('POST', path, body, u.token)) as { status: number; body: Json };

  it("queries a remote user's device keys and claims their one-time key, then their fallback key", async () => {
    const alice = await ca.user('alice');
    const bob = await cb.user('bob');
    const bobKeys = {
      user_id: bob.userId,
      device_id: bob.deviceId,
      algorithms: ['m.olm.v1.curve25519-aes-sha2'],
      keys: { [`ed25519:${bob.deviceId}`]: 'bob+ed25519' },
      signatures: { [bob.userId]: { [`ed25519:${bob.deviceId}`]: 'sig' } },
    };
    await post(cb, bob, '/_matrix/client/v3/keys/upload', {
      device_keys: bobKeys,
      one_time_keys: { 'alg:one': 'otk' },
      fallback_keys: { 'alg:fb': 'fallback' },
    });

    const query = await post(ca, alice, '/_matrix/client/v3/keys/query', {
      device_keys: { [bob.userId]: [], '@nobody:unreachable.invalid': [] },
      timeout: 2000,
    });
    expect(query.body.device_keys[bob.userId]).toEqual({ [bob.deviceId]: { ...bobKeys, unsigned: {} } });
    expect(Object.keys(query.body.failures)).toEqual(['unreachable.invalid']);

    const claim = { one_time_keys: { [bob.userId]: { [bob.deviceId]: 'alg' } } };
    const first = await post(ca, alice, '/_matrix/client/v3/keys/claim', claim);
    expect(first.body).toEqual({
      failures: {},
      one_time_keys: { [bob.userId]: { [bob.deviceId]: { 'alg:one': 'otk' } } },
    });
    const second = await post(ca, alice, '/_matrix/client/v3/keys/claim', claim);
    expect(second.body.one_time_keys).toEqual({ [bob.userId]: { [bob.deviceId]: { 'alg:fb': 'fallback' } } });
  });

  it("GET /user/devices/{userId} lists the devices with keys; another server's user is 400", async () => {
    const carol = await cb.user('carol');
    await post(cb, carol, '/_matrix/client/v3/keys/upload', {
      device_keys: {
        user_id: carol.userId,
        device_id: carol.deviceId,
        algorithms: [],
        keys: {},
        signatures: {},
      },
    });
    const fetchDevices = (userId: string) =>
      a.app.get(FederationClient).request<Json>(b.config.server_name, {
        method: 'GET',
        path: `/_matrix/federation/v1/user/devices/${encodeURIComponent(userId)}`,
      });
    const devices = await fetchDevices(carol.userId);
    expect(devices).toMatchObject({ user_id: carol.userId, devices: [{ device_id: carol.deviceId }] });
    expect(devices.stream_id).toBeGreaterThan(0);
    await expect(fetchDevices('@x:elsewhere')).rejects.toMatchObject({ errcode: 'M_INVALID_PARAM' });
  });

  it('"Device Management": a remote user\'s new keys and deleted device reach /sync through m.device_list_update', async () => {
    const alice = await ca.user('alice');
    const dave = await cb.user('dave');
    const roomId = await ca.createRoom(alice);
    const joined = await cb.api.call(
      'POST',
      `/_matrix/client/v3/join/${encodeURIComponent(roomId)}?server_name=${encodeURIComponent(a.config.server_name)}`,
      {},
      dave.token,
    );
    expect(joined.status).toBe(200);
    const since = (await ca.sync(alice)).next_batch;
    await post(cb, dave, '/_matrix/client/v3/keys/upload', {
      device_keys: {
        user_id: dave.userId,
        device_id: dave.deviceId,
        algorithms: [],
        keys: {},
        signatures: {},
      },
    });
    const told = await ca.sync(alice, { since, timeout: 20000 });
    expect(told.device_lists?.changed).toEqual([dave.userId]);
    const keys = await post(ca, alice, '/_matrix/client/v3/keys/query', {
      device_keys: { [dave.userId]: [] },
    });
    expect(Object.keys(keys.body.device_keys[dave.userId])).toEqual([dave.deviceId]);

    await cb.api.call('POST', '/_matrix/client/v3/logout', {}, dave.token);
    const deleted = await ca.sync(alice, { since: told.next_batch, timeout: 20000 });
    expect(deleted.device_lists?.changed).toEqual([dave.userId]);
    const after = await post(ca, alice, '/_matrix/client/v3/keys/query', {
      device_keys: { [dave.userId]: [] },
    });
    expect(after.body.device_keys).toEqual({ [dave.userId]: {} });
  });
});
