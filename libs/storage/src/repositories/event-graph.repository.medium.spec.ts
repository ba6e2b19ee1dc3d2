import { Pdu } from '@switchboard/protocol';
import { EventGraphRepository, EventsRepository, pduColumns } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('backfill positions and backward extremities', (db) => {
  const events = new EventsRepository();
  const graph = new EventGraphRepository();
  const q = () => db().dataSource.manager;
  const ROOM = '!backfill:test.local';

  /** An event with its prev edges; `position` null for an outlier. */
  const store = async (eventId: string, prevs: string[], position: number | null) => {
    const pdu = {
      type: 'm.room.message',
      sender: '@a:test.local',
      content: {},
      depth: 1,
      origin_server_ts: 1,
      room_id: ROOM,
    } as unknown as Pdu;
    await db().dataSource.transaction(async (tx) => {
      await events.insert(tx, {
        eventId,
        roomId: ROOM,
        streamOrdering: position,
        ...pduColumns(pdu),
        outlier: position === null,
        softFailed: false,
        rejectedReason: null,
        snapshotBefore: null,
        snapshotAfter: null,
        replacesState: null,
      });
      await graph.insertEdges(tx, eventId, prevs, []);
    });
  };

  it('reserves positions below every one handed out, ascending, each batch below the last', async () => {
    const first = await events.reserveBackfillOrderings(q(), 3);
    const second = await events.reserveBackfillOrderings(q(), 2);
    expect(first).toEqual([...first].sort((a, b) => a - b));
    expect(Math.max(...first)).toBeLessThan(0);
    expect(Math.max(...second)).toBeLessThan(Math.min(...first));
    expect(await events.reserveBackfillOrderings(q(), 0)).toEqual([]);
  });

  it('finds the oldest timeline events whose prev events are unknown or only outliers', async () => {
    await store('$outlier', [], null);
    await store('$join', ['$outlier'], 10);
    await store('$after', ['$join'], 11);
    await store('$gap', ['$unknown'], 12);
    expect(await graph.backwardExtremities(q(), ROOM, 10)).toEqual(['$join', '$gap']);
    // Only within the window of the oldest events.
    expect(await graph.backwardExtremities(q(), ROOM, 2)).toEqual(['$join']);
    // Once the outlier is placed by backfill (a negative position), the gap below $join is closed.
    await db().dataSource.query(
      `UPDATE events SET outlier = false, stream_ordering = -6 WHERE event_id = '$outlier'`,
    );
    expect(await graph.backwardExtremities(q(), ROOM, 10)).toEqual(['$gap']);
  });
});
