import { AccountDataRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('AccountDataRepository', (db) => {
  const accountData = new AccountDataRepository();
  const q = () => db().dataSource.manager;
  const USER = '@alice:test.local';
  const ROOM = '!room:test.local';
  const put = (roomId: string | null, type: string, content: Record<string, number | string>) =>
    db().dataSource.transaction((tx) => accountData.put(tx, USER, roomId, type, content));

  it('keeps global and per-room data apart and returns what changed in a range', async () => {
    const first = await put(null, 'org.example', { a: 1 });
    const room = await put(ROOM, 'org.example', { b: 2 });
    const last = await put(null, 'org.example', { a: 3, f: 0.25 });
    expect(await accountData.get(q(), USER, null, 'org.example')).toEqual({ a: 3, f: 0.25 });
    expect(await accountData.get(q(), USER, ROOM, 'org.example')).toEqual({ b: 2 });
    expect(await accountData.get(q(), USER, ROOM, 'org.other')).toBeNull();
    expect(await accountData.get(q(), '@bob:test.local', null, 'org.example')).toBeNull();
    expect(await accountData.maxStreamId(q())).toBe(last);
    expect(await accountData.changed(q(), USER, 0, last)).toEqual([
      { userId: USER, roomId: ROOM, type: 'org.example', content: { b: 2 }, streamId: room },
      { userId: USER, roomId: null, type: 'org.example', content: { a: 3, f: 0.25 }, streamId: last },
    ]);
    expect((await accountData.changed(q(), USER, first, room)).map((r) => r.roomId)).toEqual([ROOM]);
    expect(await accountData.changed(q(), USER, last, last)).toEqual([]);
  });
});
