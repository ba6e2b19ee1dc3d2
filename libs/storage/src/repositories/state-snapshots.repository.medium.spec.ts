import { stateKey } from '@switchboard/protocol';
import { StateSnapshotsRepository, Transactions } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('StateSnapshotsRepository', (db) => {
  const snapshots = new StateSnapshotsRepository();
  const run = <T>(work: Parameters<Transactions['run']>[0]) =>
    new Transactions(db().dataSource).run(work) as Promise<T>;

  it('reads back a delta chain, later entries winning, null removing', async () => {
    const root = await run<number>((tx) =>
      snapshots.create(tx, '!r:x', null, new Map([[stateKey('m.room.create', ''), '$create']])),
    );
    const second = await run<number>((tx) =>
      snapshots.create(tx, '!r:x', root, new Map([[stateKey('m.room.member', '@a:x'), '$join']])),
    );
    const third = await run<number>((tx) =>
      snapshots.create(
        tx,
        '!r:x',
        second,
        new Map([
          [stateKey('m.room.member', '@a:x'), '$leave'],
          [stateKey('m.room.topic', ''), null],
        ]),
      ),
    );
    expect(await snapshots.load(db().dataSource.manager, root)).toEqual(
      new Map([[stateKey('m.room.create', ''), '$create']]),
    );
    expect(await snapshots.load(db().dataSource.manager, third)).toEqual(
      new Map([
        [stateKey('m.room.create', ''), '$create'],
        [stateKey('m.room.member', '@a:x'), '$leave'],
      ]),
    );
  });

  it('serves a snapshot read before from memory, as a copy the caller may change', async () => {
    const id = await run<number>((tx) =>
      snapshots.create(tx, '!c:x', null, new Map([[stateKey('m.room.create', ''), '$create']])),
    );
    const first = await snapshots.load(db().dataSource.manager, id);
    (first as Map<string, string>).set(stateKey('m.room.topic', ''), '$changed-by-caller');
    const queries = jest.spyOn(db().dataSource.manager, 'query');
    expect(await snapshots.load(db().dataSource.manager, id)).toEqual(
      new Map([[stateKey('m.room.create', ''), '$create']]),
    );
    expect(queries).not.toHaveBeenCalled();
    queries.mockRestore();
  });

  it('makes a full copy every 16 levels, with the same state', async () => {
    let id = await run<number>((tx) =>
      snapshots.create(tx, '!s:x', null, new Map([[stateKey('t', '0'), '$0']])),
    );
    for (let i = 1; i <= 40; i++) {
      const parent = id;
      id = await run<number>((tx) =>
        snapshots.create(tx, '!s:x', parent, new Map([[stateKey('t', String(i)), `$${i}`]])),
      );
    }
    const state = await snapshots.load(db().dataSource.manager, id);
    expect(state.size).toBe(41);
    expect(state.get(stateKey('t', '40'))).toBe('$40');
    const [{ chain_length }] = await db().dataSource.query(
      `SELECT chain_length FROM state_snapshots WHERE snapshot_id = $1`,
      [id],
    );
    expect(Number(chain_length)).toBeLessThan(16);
  });
});
