import { FederationOutboxRepository } from '@switchboard/storage';
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

  it('keeps the scan position', async () => {
    await db().dataSource.transaction(async (tx) => {
      expect(await outbox.lockPosition(tx)).toBe(0);
      await outbox.setPosition(tx, 42);
    });
    expect(await db().dataSource.transaction((tx) => outbox.lockPosition(tx))).toBe(42);
  });
});
