import { EventsRepository, FederationOutboxRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('FederationOutboxRepository', (db) => {
  const outbox = new FederationOutboxRepository();
  const q = () => db().dataSource.manager;
  const typing = (n: number) => ({ edu_type: 'm.typing', content: { n } });

  it('batches a destination in order, keeps the batch for a retry, and removes it once delivered', async () => {
    await outbox.add(q(), [
      { destination: 'b.example', eventId: '$1' },
      { destination: 'b.example', edu: typing(1) },
      { destination: 'c.example', eventId: '$1' },
      { destination: 'b.example', eventId: '$2' },
      { destination: 'b.example', eventId: '$3' },
    ]);
    expect((await outbox.destinationsWithPending(q())).sort()).toEqual(['b.example', 'c.example']);
    const first = await db().dataSource.transaction((tx) => outbox.nextBatch(tx, 'b.example', 'txn1', 2, 10));
    expect(first).toEqual({ txnId: 'txn1', eventIds: ['$1', '$2'], edus: [typing(1)] });
    const retry = await db().dataSource.transaction((tx) => outbox.nextBatch(tx, 'b.example', 'txn2', 2, 10));
    expect(retry).toEqual(first);
    await outbox.remove(q(), 'b.example', 'txn1');
    const next = await db().dataSource.transaction((tx) => outbox.nextBatch(tx, 'b.example', 'txn3', 2, 10));
    expect(next).toEqual({ txnId: 'txn3', eventIds: ['$3'], edus: [] });
    await outbox.remove(q(), 'b.example', 'txn3');
    expect(await db().dataSource.transaction((tx) => outbox.nextBatch(tx, 'b.example', 'txn4', 2, 10))).toBe(
      undefined,
    );
  });

  it('keeps the scan position, and reads the events after it with whether their rooms reach other servers', async () => {
    const events = new EventsRepository();
    const member = (eventId: string, roomId: string, userId: string, streamOrdering: number) => ({
      eventId,
      roomId,
      streamOrdering,
      type: 'm.room.member',
      stateKey: userId,
      sender: userId,
      depth: streamOrdering,
      originServerTs: 0,
      pdu: {
        type: 'm.room.member',
        state_key: userId,
        sender: userId,
        content: { membership: 'join' },
      } as never,
      outlier: false,
      softFailed: false,
      rejectedReason: null,
      snapshotBefore: null,
      snapshotAfter: null,
      replacesState: null,
    });
    await events.insert(q() as never, member('$a', '!local:test.local', '@a:test.local', 1));
    await events.insert(q() as never, member('$b', '!shared:test.local', '@b:test.local', 2));
    await q().query(
      `INSERT INTO room_memberships (room_id, user_id, membership, event_id, sender, stream_ordering)
       VALUES ('!shared:test.local', '@far:elsewhere.example', 'join', '$far', '@far:elsewhere.example', 3)`,
    );
    await db().dataSource.transaction(async (tx) => {
      const read = await outbox.lockAndReadNewEvents(tx, 10, 'test.local');
      expect(read.map((e) => [e.eventId, e.remoteMembers])).toEqual([
        ['$a', false],
        ['$b', true],
      ]);
      await outbox.setPosition(tx, 1);
    });
    const after = await db().dataSource.transaction((tx) =>
      outbox.lockAndReadNewEvents(tx, 10, 'test.local'),
    );
    expect(after.map((e) => e.eventId)).toEqual(['$b']);
    // A scanner that went past $b in memory reads from there; without a lock, outside a transaction.
    expect(await outbox.peekNewEvents(q(), 10, 'test.local', 2)).toEqual([]);
    expect((await outbox.peekNewEvents(q(), 10, 'test.local', 0)).map((e) => e.eventId)).toEqual(['$b']);
  });
});
