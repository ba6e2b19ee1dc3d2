import { AppserviceOutboxRepository, Queryable, Tx } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('AppserviceOutboxRepository', (db) => {
  const repo = new AppserviceOutboxRepository();
  const q = (): Queryable => db().dataSource.manager;
  const run = <T>(work: (tx: Tx) => Promise<T>): Promise<T> => db().dataSource.transaction(work);
  const ROOM = '!room:test.local';
  let ordering = 1000;

  async function event(
    eventId: string,
    fields: { type?: string; stateKey?: string; sender?: string; content?: object; outlier?: boolean } = {},
  ): Promise<number> {
    const type = fields.type ?? 'm.room.message';
    const pdu = { type, content: fields.content ?? {}, sender: fields.sender ?? '@a:test.local' };
    ordering += 1;
    await q().query(
      `INSERT INTO events (event_id, room_id, stream_ordering, type, state_key, sender, depth, origin_server_ts,
         json, outlier)
       VALUES ($1, $2, $3, $4, $5, $6, 1, 1, $7, $8)`,
      [
        eventId,
        ROOM,
        ordering,
        type,
        fields.stateKey ?? null,
        pdu.sender,
        JSON.stringify(pdu),
        !!fields.outlier,
      ],
    );
    return ordering;
  }

  it('scans events past its position, skips outliers, and moves only forward', async () => {
    const start = await repo.latestStreamOrdering(q());
    await run((tx) => repo.setPosition(tx, start));
    await event('$m1');
    await event('$out', { outlier: true });
    const last = await event('$j1', {
      type: 'm.room.member',
      stateKey: '@_as_1:test.local',
      content: { membership: 'join' },
    });
    const scanned = await run((tx) => repo.lockAndReadNewEvents(tx, 10));
    expect(scanned.map((e) => [e.eventId, e.membership])).toEqual([
      ['$m1', null],
      ['$j1', 'join'],
    ]);
    expect(scanned[1]).toMatchObject({ roomId: ROOM, type: 'm.room.member', stateKey: '@_as_1:test.local' });
    expect(await run((tx) => repo.lockAndReadNewEvents(tx, 1))).toHaveLength(1);
    await run((tx) => repo.setPosition(tx, last));
    await run((tx) => repo.setPosition(tx, start));
    expect(await run((tx) => repo.lockAndReadNewEvents(tx, 10))).toEqual([]);
  });

  it("knows a room's aliases (directory, canonical, alternative) and its local joined or invited members", async () => {
    await q().query(
      `INSERT INTO room_aliases (alias, room_id, creator) VALUES ('#dir:test.local', $1, '@a:test.local')`,
      [ROOM],
    );
    await event('$canon', {
      type: 'm.room.canonical_alias',
      stateKey: '',
      content: { alias: '#main:test.local', alt_aliases: ['#alt:test.local', '#dir:test.local'] },
    });
    await q().query(
      `INSERT INTO current_state (room_id, type, state_key, event_id, stream_ordering)
       VALUES ($1, 'm.room.canonical_alias', '', '$canon', 1)`,
      [ROOM],
    );
    for (const [user, membership] of [
      ['@joined:test.local', 'join'],
      ['@invited:test.local', 'invite'],
      ['@left:test.local', 'leave'],
      ['@remote:elsewhere', 'join'],
    ])
      await q().query(
        `INSERT INTO room_memberships (room_id, user_id, membership, event_id, sender, stream_ordering)
         VALUES ($1, $2, $3, '$x', $2, 1)`,
        [ROOM, user, membership],
      );
    const facts = await repo.roomFacts(q(), ROOM, 'test.local');
    expect([...facts.aliases].sort()).toEqual(['#alt:test.local', '#dir:test.local', '#main:test.local']);
    expect([...facts.members].sort()).toEqual(['@invited:test.local', '@joined:test.local']);
    expect(await repo.roomFacts(q(), '!other:test.local', 'test.local')).toEqual({
      aliases: [],
      members: [],
    });
  });

  it('forms ordered batches under fresh transaction IDs, and resends a batch under its ID until removed', async () => {
    await repo.add(q(), [
      { appserviceId: 'bridge', eventId: '$1' },
      { appserviceId: 'bridge', ephemeral: { type: 'm.typing', content: { user_ids: [] } } },
      { appserviceId: 'other', eventId: '$1' },
      { appserviceId: 'bridge', eventId: '$2' },
      { appserviceId: 'bridge', toDevice: { type: 'm.test', content: {} } },
      { appserviceId: 'bridge', deviceLists: { changed: ['@a:x', '@b:x'], left: [] } },
      { appserviceId: 'bridge', deviceLists: { changed: [], left: ['@a:x'] } },
      { appserviceId: 'bridge', eventId: '$3' },
    ]);
    expect(await repo.servicesWithPending(q(), ['other', 'idle', 'bridge'])).toEqual(['other', 'bridge']);

    const first = await run((tx) => repo.nextBatch(tx, 'bridge', 2, 10));
    expect(first).toEqual({
      txnId: '1',
      eventIds: ['$1', '$2'],
      ephemeral: [{ type: 'm.typing', content: { user_ids: [] } }],
      toDevice: [{ type: 'm.test', content: {} }],
      deviceLists: { changed: ['@b:x'], left: ['@a:x'] },
    });
    // Not acknowledged: the same transaction again, even with a larger limit.
    expect(await run((tx) => repo.nextBatch(tx, 'bridge', 100, 100))).toEqual(first);
    await repo.remove(q(), 'bridge', first!.txnId);

    const second = await run((tx) => repo.nextBatch(tx, 'bridge', 100, 100));
    expect(second).toEqual({ txnId: '2', eventIds: ['$3'], ephemeral: [], toDevice: [] });
    await repo.remove(q(), 'bridge', '2');
    expect(await run((tx) => repo.nextBatch(tx, 'bridge', 100, 100))).toBeUndefined();
    expect(await repo.pendingCount(q(), 'bridge')).toBe(0);

    // Transaction IDs count per service and are never given out again.
    expect((await run((tx) => repo.nextBatch(tx, 'other', 100, 100)))?.txnId).toBe('1');
    await repo.add(q(), [{ appserviceId: 'bridge', eventId: '$4' }]);
    expect((await run((tx) => repo.nextBatch(tx, 'bridge', 100, 100)))?.txnId).toBe('3');
  });

  it('refuses an entry that carries nothing', async () => {
    await expect(repo.add(q(), [{ appserviceId: 'bridge' }])).rejects.toThrow(/carries nothing/);
  });
});
