import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MatrixClient, Room } from 'matrix-js-sdk';
import { FederatingProcess } from '../support/federating-process';
import { buildHomeserver } from '../support/homeserver-process';
import { selfSignedCertificateFiles } from '../support/network';
import {
  eventWithBody,
  knowsDevice,
  loadQuietSdk,
  plaintexts as plaintextsIn,
  register,
  Sdk,
  startDevice,
  until,
} from '../support/sdk-crypto';

/**
 * End-to-end encryption between users of two federating Switchboards, with matrix-js-sdk's Rust
 * crypto: alice on A, bob on B, each server its own process from its own config file, federating
 * over TLS on 127.0.0.1. What this needs of the servers beyond one of them: remote device
 * keys (POST /user/keys/query, GET /user/devices/{userId}), one-time keys claimed over federation
 * (POST /user/keys/claim), device list updates (m.device_list_update EDUs) and send-to-device
 * messaging (m.direct_to_device EDUs) — the room keys travel as olm-encrypted to-device messages.
 */
describe('matrix-js-sdk Rust crypto between two federating Switchboards', () => {
  const tls = selfSignedCertificateFiles('switchboard-crypto-federation-tls-');
  let dir: string;
  let build: Awaited<ReturnType<typeof buildHomeserver>>;
  let sdk: Sdk;
  let a: FederatingProcess;
  let b: FederatingProcess;
  const clients: MatrixClient[] = [];
  let alice: MatrixClient;
  let bob: MatrixClient;
  let roomId: string;
  let restoreTimers: () => void;

  /** A new device of `name` on `hs`, stopped after the suite. */
  async function device(hs: FederatingProcess, name: string): Promise<MatrixClient> {
    const client = await startDevice(sdk, hs.baseUrl, name);
    clients.push(client);
    return client;
  }

  const room = (client: MatrixClient): Room | undefined => client.getRoom(roomId) ?? undefined;
  const plaintexts = (client: MatrixClient): string[] => plaintextsIn(client, roomId);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-crypto-federation-'));
    build = await buildHomeserver();
    [a, b] = await Promise.all([
      FederatingProcess.create(build.main, join(dir, 'a'), tls),
      FederatingProcess.create(build.main, join(dir, 'b'), tls),
    ]);
    await Promise.all([a.start(), b.start()]);
    ({ sdk, restoreTimers } = await loadQuietSdk());
    await Promise.all([register(sdk, a.baseUrl, 'alice'), register(sdk, b.baseUrl, 'bob')]);
    [alice, bob] = await Promise.all([device(a, 'alice'), device(b, 'bob')]);
  }, 60000);

  afterAll(async () => {
    for (const client of clients) client.stopClient();
    await Promise.all([a?.dispose(), b?.dispose()]);
    await build?.remove();
    await rm(dir, { recursive: true, force: true });
    await rm(tls.dir, { recursive: true, force: true });
    restoreTimers?.();
  });

  it('bob on B decrypts what alice on A sends to their encrypted room', async () => {
    ({ room_id: roomId } = await alice.createRoom({
      preset: sdk.Preset.PrivateChat,
      initial_state: [
        { type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } },
      ],
    }));
    await alice.invite(roomId, bob.getUserId()!);
    await until('bob sees the invite', () => room(bob)?.getMyMembership() === 'invite');
    await bob.joinRoom(roomId, { viaServers: [alice.getDomain()!] });
    await until('alice sees bob join', () => room(alice)?.getMember(bob.getUserId()!)?.membership === 'join');
    await until("alice knows bob's device", () => knowsDevice(alice, bob.getUserId()!, bob.getDeviceId()!));

    await alice.sendTextMessage(roomId, 'across the federation');
    await until('bob decrypts it', () => plaintexts(bob).includes('across the federation'));
    expect(eventWithBody(bob, roomId, 'across the federation')?.getWireType()).toBe('m.room.encrypted');
  }, 40000);

  it('alice decrypts the reply bob sends from B', async () => {
    await until("bob knows alice's device", () => knowsDevice(bob, alice.getUserId()!, alice.getDeviceId()!));
    await bob.sendTextMessage(roomId, 'received, over');
    await until('alice decrypts it', () => plaintexts(alice).includes('received, over'));
    expect(eventWithBody(alice, roomId, 'received, over')?.getWireType()).toBe('m.room.encrypted');
  }, 40000);

  it("bob's new device gets the room key once alice hears of it through a device list update", async () => {
    const bob2 = await device(b, 'bob');
    await until("alice learns bob's new device over federation", () =>
      knowsDevice(alice, bob.getUserId()!, bob2.getDeviceId()!),
    );
    await alice.sendTextMessage(roomId, 'for both of your devices');
    await until('bob2 decrypts it', () => plaintexts(bob2).includes('for both of your devices'));
    await until('bob decrypts it too', () => plaintexts(bob).includes('for both of your devices'));
  }, 40000);
});
