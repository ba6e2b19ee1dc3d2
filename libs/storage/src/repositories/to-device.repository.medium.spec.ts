import {
  AccessTokenCache,
  AccountsRepository,
  DevicesRepository,
  ToDeviceRepository,
  Tx,
} from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('ToDeviceRepository', (db) => {
  const inbox = new ToDeviceRepository();
  const devices = new DevicesRepository(new AccessTokenCache());
  const q = () => db().dataSource.manager;
  const run = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => db().dataSource.transaction(work);
  const ALICE = '@alice:test.local';
  const BOB = '@bob:test.local';

  beforeAll(async () => {
    const accounts = new AccountsRepository(new AccessTokenCache());
    for (const userId of [ALICE, BOB]) {
      await accounts.create(q(), {
        userId,
        passwordHash: null,
        admin: false,
        isGuest: false,
        userType: null,
        createdTs: 1,
      });
    }
    for (const [userId, deviceId] of [
      [ALICE, 'A1'],
      [BOB, 'B1'],
      [BOB, 'B2'],
    ]) {
      await devices.createIfMissing(q(), { userId, deviceId, displayName: null, createdTs: 1 });
    }
  });

  const message = (userId: string, deviceId: string | null, n: number) => ({
    userId,
    deviceId,
    sender: ALICE,
    type: 'm.test',
    content: { n },
  });

  it('delivers to one device, to every device with a null device, and to no unknown device', async () => {
    const start = await inbox.position(q());
    const position = await run((tx) =>
      inbox.add(tx, [message(BOB, 'B1', 1), message(BOB, null, 2), message(BOB, 'NOPE', 3)]),
    );
    expect(position).toBe(start + 3);
    expect(await inbox.position(q())).toBe(position);
    const b1 = await inbox.pending(q(), BOB, 'B1', start, position ?? 0, 100);
    expect(b1.map((m) => m.content)).toEqual([{ n: 1 }, { n: 2 }]);
    expect((await inbox.pending(q(), BOB, 'B2', start, position ?? 0, 100)).map((m) => m.content)).toEqual([
      { n: 2 },
    ]);
    expect(await run((tx) => inbox.add(tx, [message(BOB, 'NOPE', 4)]))).toBeNull();
  });

  it('pages by position and deletes what the device acknowledged, never moving the position back', async () => {
    const start = await inbox.position(q());
    const end = (await run((tx) =>
      inbox.add(
        tx,
        [1, 2, 3].map((n) => message(ALICE, 'A1', n)),
      ),
    )) as number;
    const first = await inbox.pending(q(), ALICE, 'A1', start, end, 2);
    expect(first.map((m) => m.content)).toEqual([{ n: 1 }, { n: 2 }]);
    await inbox.deleteUpTo(q(), ALICE, 'A1', first[1].streamId);
    expect((await inbox.pending(q(), ALICE, 'A1', 0, end, 100)).map((m) => m.content)).toEqual([{ n: 3 }]);
    await inbox.deleteUpTo(q(), ALICE, 'A1', end);
    expect(await inbox.position(q())).toBe(end);
  });

  it('deleting a device deletes its inbox and its transaction IDs', async () => {
    await run((tx) => inbox.add(tx, [message(BOB, 'B2', 9)]));
    expect(await run((tx) => inbox.claimTxn(tx, BOB, 'B2', 't1'))).toBe(true);
    expect(await run((tx) => inbox.claimTxn(tx, BOB, 'B2', 't1'))).toBe(false);
    await devices.delete(q(), BOB, ['B2']);
    await devices.createIfMissing(q(), { userId: BOB, deviceId: 'B2', displayName: null, createdTs: 2 });
    expect(await inbox.pending(q(), BOB, 'B2', 0, Number.MAX_SAFE_INTEGER, 100)).toEqual([]);
    expect(await run((tx) => inbox.claimTxn(tx, BOB, 'B2', 't1'))).toBe(true);
  });

  it('takes in a remote message ID once', async () => {
    expect(await run((tx) => inbox.claimReceived(tx, 'remote.test', 'm1', 5))).toBe(true);
    expect(await run((tx) => inbox.claimReceived(tx, 'remote.test', 'm1', 6))).toBe(false);
    expect(await run((tx) => inbox.claimReceived(tx, 'other.test', 'm1', 6))).toBe(true);
  });
});
