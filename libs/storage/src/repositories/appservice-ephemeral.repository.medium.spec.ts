import {
  AccessTokenCache,
  AccountsRepository,
  AppserviceEphemeralRepository,
  DeviceListChangesRepository,
  DevicesRepository,
  PresenceRepository,
  ReceiptsRepository,
  ToDeviceRepository,
  Tx,
} from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('AppserviceEphemeralRepository', (db) => {
  const repo = new AppserviceEphemeralRepository();
  const q = () => db().dataSource.manager;
  const run = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => db().dataSource.transaction(work);
  const ALICE = '@alice:test.local';
  const GHOST = '@bridge_ghost:test.local';

  it('a stream never read starts where it is; the position then moves only when set', async () => {
    expect(await run((tx) => repo.lockPosition(tx, 'receipts', async () => 7))).toBe(7);
    expect(await run((tx) => repo.lockPosition(tx, 'receipts', async () => 99))).toBe(7);
    await run((tx) => repo.setPosition(tx, 'receipts', 9));
    expect(await run((tx) => repo.lockPosition(tx, 'receipts', async () => 99))).toBe(9);
    expect(await run((tx) => repo.lockPosition(tx, 'presence', async () => 3))).toBe(3);
  });

  it('a second reader of a stream waits for the first to commit, and reads its position', async () => {
    await run((tx) => repo.lockPosition(tx, 'to_device', async () => 0));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = run(async (tx) => {
      await repo.lockPosition(tx, 'to_device', async () => 0);
      await held;
      await repo.setPosition(tx, 'to_device', 5);
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = run((tx) => repo.lockPosition(tx, 'to_device', async () => 0));
    release();
    await first;
    expect(await second).toBe(5);
  });

  it('reads receipts, presence, inbox messages and device-list changes after a position, in order', async () => {
    const receipts = new ReceiptsRepository();
    const r1 = await run((tx) =>
      receipts.upsert(tx, {
        roomId: '!r:test.local',
        receiptType: 'm.read',
        userId: ALICE,
        threadId: null,
        eventId: '$e1',
        ts: 1,
      }),
    );
    const r2 = await run((tx) =>
      receipts.upsert(tx, {
        roomId: '!r:test.local',
        receiptType: 'm.read',
        userId: GHOST,
        threadId: 'main',
        eventId: '$e1',
        ts: 2,
      }),
    );
    const after = await repo.receiptsAfter(q(), r1! - 1, 10);
    expect(after.map((r) => [r.userId, r.threadId, r.streamId])).toEqual([
      [ALICE, null, r1],
      [GHOST, 'main', r2],
    ]);
    expect(await repo.receiptsAfter(q(), r1! - 1, 1)).toHaveLength(1);
    expect(await repo.receiptsAfter(q(), r2!, 10)).toEqual([]);

    const presence = new PresenceRepository();
    const p = await run((tx) =>
      presence.set(tx, { userId: ALICE, presence: 'online', statusMsg: 'hi', lastActiveTs: 5 }),
    );
    expect(await repo.presenceAfter(q(), p - 1, 10)).toEqual([
      { userId: ALICE, presence: 'online', statusMsg: 'hi', lastActiveTs: 5, streamId: p },
    ]);

    const accounts = new AccountsRepository(new AccessTokenCache());
    await accounts.create(q(), {
      userId: GHOST,
      passwordHash: null,
      admin: false,
      isGuest: false,
      userType: null,
      createdTs: 1,
    });
    await new DevicesRepository(new AccessTokenCache()).createIfMissing(q(), {
      userId: GHOST,
      deviceId: 'G1',
      displayName: null,
      createdTs: 1,
    });
    const inbox = new ToDeviceRepository();
    const before = await inbox.position(q());
    await run((tx) =>
      inbox.add(tx, [{ userId: GHOST, deviceId: null, sender: ALICE, type: 'm.test', content: { n: 1 } }]),
    );
    expect(await repo.inboxAfter(q(), before, 10)).toEqual([
      {
        streamId: before + 1,
        userId: GHOST,
        deviceId: 'G1',
        sender: ALICE,
        type: 'm.test',
        content: { n: 1 },
      },
    ]);

    const changes = new DeviceListChangesRepository();
    const d1 = await run((tx) => changes.markChanged(tx, [ALICE]));
    const d2 = await run((tx) => changes.markChanged(tx, [GHOST, ALICE]));
    expect(await repo.deviceListChangesAfter(q(), d1 - 1, 10)).toEqual([
      { userId: ALICE, streamId: d2 },
      { userId: GHOST, streamId: d2 },
    ]);
  });
});
