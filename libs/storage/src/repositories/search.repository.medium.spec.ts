import { Pdu } from '@switchboard/protocol';
import { EventBatchRepository, EventsRepository, pduColumns, SearchRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('SearchRepository', (db) => {
  const events = new EventsRepository();
  const search = new SearchRepository();
  const q = () => db().dataSource.manager;
  const ROOM = '!room:test.local';
  let position = 0;

  const store = async (
    eventId: string,
    type: string,
    content: Record<string, unknown>,
    sender = '@a:test.local',
  ) => {
    const pdu = { type, sender, content, origin_server_ts: 1, depth: 1, room_id: ROOM } as unknown as Pdu;
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
  };
  const query = (words: string[], extra: Partial<Parameters<SearchRepository['search']>[1]> = {}) =>
    search.search(q(), {
      roomIds: [ROOM],
      words,
      keys: ['content.body', 'content.name', 'content.topic'],
      notSenders: [],
      notTypes: [],
      orderBy: 'rank',
      offset: 0,
      limit: 10,
      ...extra,
    });

  it('finds stemmed words and prefixes, ranks by relevance, filters and pages', async () => {
    await store('$1', 'm.room.message', { body: 'The cakes are baking' });
    await store('$2', 'm.room.message', { body: 'cake, cake and more cake' }, '@b:test.local');
    await store('$3', 'm.room.topic', { topic: 'Baking club' });
    await store('$4', 'm.reaction', { body: 'cake' });

    const ranked = await query(['cake']);
    expect(ranked.hits.map((h) => h.eventId)).toEqual(['$2', '$1']);
    expect(ranked.count).toBe(2);
    expect((await query(['bak'])).hits.map((h) => h.eventId).sort()).toEqual(['$1', '$3']);
    expect((await query(['bak'], { keys: ['content.topic'] })).hits.map((h) => h.eventId)).toEqual(['$3']);
    expect((await query(['cake'], { notSenders: ['@b:test.local'] })).hits.map((h) => h.eventId)).toEqual([
      '$1',
    ]);
    expect((await query(['cake'], { types: ['m.room.%'] })).count).toBe(2);
    const recent = await query(['cake'], { orderBy: 'recent', limit: 1 });
    expect(recent.hits.map((h) => h.eventId)).toEqual(['$2']);
    const next = await query(['cake'], {
      orderBy: 'recent',
      limit: 1,
      before: recent.hits[0].streamOrdering,
    });
    expect(next.hits.map((h) => h.eventId)).toEqual(['$1']);
    expect(await query(['nothing'])).toEqual({ hits: [], count: 0 });
  });
});
