import type { MatrixClient, Room } from 'matrix-js-sdk';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import {
  eventWithBody,
  knowsDevice,
  loadQuietSdk,
  passwordAuth,
  plaintexts as plaintextsIn,
  register,
  Sdk,
  startDevice,
  until,
} from '../support/sdk-crypto';

/**
 * End-to-end encryption as Element does it: matrix-js-sdk 37.5 (npm, unmodified) with its Rust
 * crypto (@matrix-org/matrix-sdk-crypto-wasm), every client on its own /sync loop. What this needs
 * of the server: device and one-time keys (/keys/upload, /keys/query, /keys/claim), device_lists
 * in /sync, send-to-device messaging, cross-signing keys and server-side key backups.
 */
describe('matrix-js-sdk Rust crypto against Switchboard', () => {
  let sdk: Sdk;
  let hs: TestHomeserver;
  const clients: MatrixClient[] = [];
  let alice: MatrixClient;
  let bob: MatrixClient;
  let roomId: string;
  let restoreTimers: () => void;

  /** A new device of `name`, stopped after the suite. */
  async function device(name: string): Promise<MatrixClient> {
    const client = await startDevice(sdk, hs.baseUrl, name);
    clients.push(client);
    return client;
  }

  const room = (client: MatrixClient): Room | undefined => client.getRoom(roomId) ?? undefined;
  const plaintexts = (client: MatrixClient): string[] => plaintextsIn(client, roomId);

  beforeAll(async () => {
    ({ sdk, restoreTimers } = await loadQuietSdk());
    hs = await startTestHomeserver();
    await register(sdk, hs.baseUrl, 'alice');
    await register(sdk, hs.baseUrl, 'bob');
    alice = await device('alice');
    bob = await device('bob');
  }, 120000);

  afterAll(async () => {
    for (const client of clients) client.stopClient();
    await hs?.stop();
    restoreTimers?.();
  });

  it('bob decrypts what alice sends in an encrypted room', async () => {
    ({ room_id: roomId } = await alice.createRoom({
      preset: sdk.Preset.PrivateChat,
      initial_state: [
        { type: 'm.room.encryption', state_key: '', content: { algorithm: 'm.megolm.v1.aes-sha2' } },
      ],
    }));
    await alice.invite(roomId, bob.getUserId()!);
    await until('bob sees the invite', () => room(bob)?.getMyMembership() === 'invite');
    await bob.joinRoom(roomId);
    await until('alice sees bob join', () => room(alice)?.getMember(bob.getUserId()!)?.membership === 'join');
    await until("alice knows bob's device", () => knowsDevice(alice, bob.getUserId()!, bob.getDeviceId()!));

    await alice.sendTextMessage(roomId, 'top secret');
    await until('bob decrypts it', () => plaintexts(bob).includes('top secret'));
    const encrypted = eventWithBody(bob, roomId, 'top secret');
    expect(encrypted?.getWireType()).toBe('m.room.encrypted');
  }, 60000);

  it("bob's second device gets the room key through a to-device message", async () => {
    const bob2 = await device('bob');
    await until("alice learns bob's new device from device_lists", () =>
      knowsDevice(alice, bob.getUserId()!, bob2.getDeviceId()!),
    );
    await alice.sendTextMessage(roomId, 'for both of your devices');
    await until('bob2 decrypts it', () => plaintexts(bob2).includes('for both of your devices'));
    await until('bob decrypts it too', () => plaintexts(bob).includes('for both of your devices'));
  }, 60000);

  it('bootstraps cross-signing, which bob then sees', async () => {
    await alice.getCrypto()!.bootstrapCrossSigning({
      authUploadDeviceSigningKeys: async (makeRequest) => {
        await makeRequest(passwordAuth('alice'));
      },
    });
    expect(await alice.getCrypto()!.isCrossSigningReady()).toBe(true);
    const status = await alice.getCrypto()!.getCrossSigningStatus();
    expect(status.publicKeysOnDevice).toBe(true);
    expect(status.privateKeysCachedLocally).toEqual({
      masterKey: true,
      selfSigningKey: true,
      userSigningKey: true,
    });
    await until("bob downloads alice's cross-signing keys", () =>
      bob.getCrypto()!.userHasCrossSigningKeys(alice.getUserId()!, true),
    );
    // The self-signing key signed alice's device: bob sees it as signed by its owner.
    const verification = await until("bob sees alice's device cross-signed", async () => {
      const status = await bob
        .getCrypto()!
        .getDeviceVerificationStatus(alice.getUserId()!, alice.getDeviceId()!);
      return status?.signedByOwner ? status : undefined;
    });
    expect(verification.signedByOwner).toBe(true);
  }, 60000);

  it("creates a key backup that alice's new device restores her room keys from", async () => {
    const crypto = alice.getCrypto()!;
    await crypto.resetKeyBackup();
    const version = await until(
      'the backup is active',
      async () => (await crypto.getActiveSessionBackupVersion()) ?? undefined,
    );
    const info = await crypto.getKeyBackupInfo();
    expect(info?.version).toBe(version);
    expect(info?.algorithm).toBe('m.megolm_backup.v1.curve25519-aes-sha2');
    expect((await crypto.isKeyBackupTrusted(info!)).trusted).toBe(true);

    // The backup loop uploads the sessions alice has in the background.
    const backedUp = await until('the room keys are in the backup', async () => {
      const current = await alice.http.authedRequest<{ count: number }>(sdk.Method.Get, '/room_keys/version');
      return current.count > 0 ? current.count : undefined;
    });
    expect(backedUp).toBeGreaterThan(0);
    const backupKey = await crypto.getSessionBackupPrivateKey();
    expect(backupKey).not.toBeNull();

    const alice2 = await device('alice');
    await until('alice2 has the room', () => room(alice2));
    expect(plaintexts(alice2)).not.toContain('top secret');
    await alice2.getCrypto()!.storeSessionBackupPrivateKey(backupKey!, version);
    const restored = await alice2.getCrypto()!.restoreKeyBackup();
    expect(restored.imported).toBeGreaterThan(0);
    await until('alice2 decrypts the history', () => plaintexts(alice2).includes('top secret'));
  }, 90000);
});
