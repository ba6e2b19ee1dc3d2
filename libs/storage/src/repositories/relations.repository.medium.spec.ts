import { Pdu } from '@switchboard/protocol';
import {
  EventBatchRepository,
  EventsRepository,
  pduColumns,
  RelationsRepository,
} from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('RelationsRepository', (db) => {
  const events = new EventsRepository();
  const relations = new RelationsRepository();
  const q = () => db().dataSource.manager;
  const ROOM = '!room:test.local';
  const [ALICE, BOB] = ['@alice:test.local', '@bob:test.local'];
  let position = 0;

  /** Stores a timeline event and indexes it, as the persist step does. */
  const store = async (eventId: string, sender: string, content: Record<string, unknown>, ts = 1000) => {
    const pdu = {
      type: 'm.room.message',
      sender,
      content,
      origin_server_ts: ts,
      depth: 1,
      room_id: ROOM,
    } as unknown as Pdu;
    await db().dataSource.transaction(async (tx) => {
      const row = { eventId, roomId: ROOM, streamOrdering: ++position, ...pduColumns(pdu) };
      await events.insert(tx, {
        ...row,
        outlier: false,
        softFailed: false,
        rejectedReason: null,
        snapshotBefore: null,
        snapshotAfter: null,
        replacesState: null,
      });
      await new EventBatchRepository().index(tx, [row]);
    });
    return eventId;
  };
  const rel = (relType: string, eventId: string, extra: Record<string, unknown> = {}) => ({
    body: 'x',
    'm.relates_to': { rel_type: relType, event_id: eventId },
    ...extra,
  });
  const edit = (eventId: string) => rel('m.replace', eventId, { 'm.new_content': { body: 'y' } });

  it('summarises threads, edits and references of a page in one query', async () => {
    await store('$root', ALICE, { body: 'root' });
    await store('$t1', BOB, rel('m.thread', '$root'));
    await store('$t2', BOB, rel('m.thread', '$root'));
    await store('$e1', ALICE, edit('$root'), 2000);
    await store('$e2', ALICE, edit('$root'), 2000);
    await store('$e3', BOB, edit('$root'), 3000);
    await store('$r1', BOB, rel('m.reference', '$root'));
    const rows = await relations.aggregations(
      q(),
      [{ eventId: '$root', sender: ALICE, type: 'm.room.message', editable: true }],
      ALICE,
      [],
    );
    const by = new Map(rows.map((r) => [r.relType, r]));
    expect(by.get('m.thread')).toMatchObject({ eventIds: ['$t2'], count: 2, participated: false });
    // Same origin_server_ts: the lexicographically largest event ID; Bob's edit does not count.
    expect(by.get('m.replace')?.eventIds).toEqual(['$e2']);
    expect(by.get('m.reference')?.eventIds).toEqual(['$r1']);

    const ignoringBob = await relations.aggregations(
      q(),
      [{ eventId: '$root', sender: ALICE, type: 'm.room.message', editable: false }],
      BOB,
      [BOB],
    );
    expect(ignoringBob).toEqual([]);
  });

  it('pages children with their depth limit, and lists threads by latest activity', async () => {
    await store('$p', ALICE, { body: 'p' });
    await store('$c1', BOB, rel('m.annotation', '$p'));
    await store('$c2', BOB, rel('m.thread', '$p'));
    await store('$g1', ALICE, rel('m.annotation', '$c2'));
    const page = (depth: number, newestFirst = true) =>
      relations.children(q(), {
        roomId: ROOM,
        parentId: '$p',
        depth,
        after: 0,
        upTo: Number.MAX_SAFE_INTEGER,
        newestFirst,
        limit: 10,
      });
    expect((await page(1)).map((c) => c.eventId)).toEqual(['$c2', '$c1']);
    expect((await page(3, false)).map((c) => c.eventId)).toEqual(['$c1', '$c2', '$g1']);

    const threads = await relations.threads(q(), ROOM, { upTo: Number.MAX_SAFE_INTEGER, limit: 10 });
    expect(threads.map((t) => t.rootId)).toEqual(['$p', '$root']);
    const alices = await relations.threads(q(), ROOM, {
      upTo: Number.MAX_SAFE_INTEGER,
      limit: 10,
      participant: ALICE,
    });
    expect(alices.map((t) => t.rootId)).toEqual(['$p', '$root']);
    const older = await relations.threads(q(), ROOM, { upTo: threads[0].latest - 1, limit: 10 });
    expect(older.map((t) => t.rootId)).toEqual(['$root']);
  });
});
