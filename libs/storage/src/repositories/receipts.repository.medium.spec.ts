import { ReceiptsRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('ReceiptsRepository', (db) => {
  const receipts = new ReceiptsRepository();
  const q = () => db().dataSource.manager;
  const ROOM = '!room:test.local';
  const upsert = (userId: string, eventId: string, threadId: string | null = null) =>
    db().dataSource.transaction((tx) =>
      receipts.upsert(tx, { roomId: ROOM, receiptType: 'm.read', userId, threadId, eventId, ts: 100 }),
    );

  it('keeps one receipt per (room, type, user, thread), numbered by its own stream', async () => {
    const first = await upsert('@a:test.local', '$1');
    const threaded = await upsert('@a:test.local', '$2', 'main');
    const second = await upsert('@a:test.local', '$3');
    expect(first).not.toBeNull();
    expect(threaded).toBeGreaterThan(first ?? 0);
    expect(second).toBeGreaterThan(threaded ?? 0);
    expect(await receipts.maxStreamId(q())).toBe(second);
    const all = await receipts.inRooms(q(), [ROOM], second ?? 0);
    expect(all.map((r) => [r.eventId, r.threadId])).toEqual([
      ['$2', 'main'],
      ['$3', null],
    ]);
    expect((await receipts.changed(q(), [ROOM], threaded ?? 0, second ?? 0)).map((r) => r.eventId)).toEqual([
      '$3',
    ]);
    expect(await receipts.changed(q(), ['!other:test.local'], 0, second ?? 0)).toEqual([]);
    expect(await receipts.inRooms(q(), [ROOM], 0)).toEqual([]);
  });
});
