import { PushActionRow, PushActionsRepository } from '@switchboard/storage';
import { describeWithAllDatabases } from '@switchboard/storage/testing';

describeWithAllDatabases('PushActionsRepository', (db) => {
  const actions = new PushActionsRepository();
  const q = () => db().dataSource.manager;
  const USER = '@u:test.local';
  const ROOM = '!room:test.local';
  const row = (streamOrdering: number, extra: Partial<PushActionRow> = {}): PushActionRow => ({
    userId: USER,
    roomId: ROOM,
    eventId: `$${streamOrdering}`,
    streamOrdering,
    threadId: 'main',
    actions: ['notify'],
    notify: true,
    highlight: false,
    ts: 1000 + streamOrdering,
    ...extra,
  });

  it('counts per (room, thread) after the read floor and up to a position; a floor only moves forward', async () => {
    await actions.storeBatch(q(), {
      actions: [
        row(1),
        row(2, { highlight: true }),
        row(3, { threadId: '$root' }),
        row(4, { notify: false, highlight: true }),
        row(5, { roomId: '!other:test.local' }),
      ],
    });
    const counts = async (upTo = 10) =>
      (await actions.unreadCounts(q(), USER, [ROOM], upTo)).sort((a, b) =>
        a.threadId.localeCompare(b.threadId),
      );
    expect(await counts()).toEqual([
      { roomId: ROOM, threadId: '$root', notifications: 1, highlights: 0 },
      { roomId: ROOM, threadId: 'main', notifications: 2, highlights: 2 },
    ]);
    expect(await counts(1)).toEqual([{ roomId: ROOM, threadId: 'main', notifications: 1, highlights: 0 }]);

    const floor = (pos: number) =>
      actions.storeBatch(q(), { actions: [], floors: [{ userId: USER, roomId: ROOM, streamOrdering: pos }] });
    await floor(2);
    await floor(1);
    expect(await counts()).toEqual([
      { roomId: ROOM, threadId: '$root', notifications: 1, highlights: 0 },
      { roomId: ROOM, threadId: 'main', notifications: 0, highlights: 1 },
    ]);
    // Only rooms the user is joined to count towards the badge; there are none here.
    expect(await actions.unreadTotal(q(), USER)).toBe(0);
  });

  it('pages notifications newest first with read flags, highlights only on request, and forgets redacted events', async () => {
    const user = '@p:test.local';
    await actions.storeBatch(q(), {
      actions: [
        row(11, { userId: user }),
        row(12, { userId: user, highlight: true }),
        row(13, { userId: user }),
      ],
      floors: [{ userId: user, roomId: ROOM, streamOrdering: 11 }],
    });
    const page = await actions.notifications(q(), user, { before: null, limit: 2, onlyHighlight: false });
    expect(page.map((n) => [n.eventId, n.read])).toEqual([
      ['$13', false],
      ['$12', false],
    ]);
    const rest = await actions.notifications(q(), user, { before: 12, limit: 2, onlyHighlight: false });
    expect(rest.map((n) => [n.eventId, n.read, n.ts])).toEqual([['$11', true, 1011]]);
    const highlights = await actions.notifications(q(), user, {
      before: null,
      limit: 5,
      onlyHighlight: true,
    });
    expect(highlights.map((n) => n.eventId)).toEqual(['$12']);

    await actions.storeBatch(q(), { actions: [], redacted: ['$12'] });
    const after = await actions.notifications(q(), user, { before: null, limit: 5, onlyHighlight: false });
    expect(after.map((n) => n.eventId)).toEqual(['$13', '$11']);
  });

  it('stores a batch that moves the evaluation position only from where it was', async () => {
    const at = async () =>
      Number(
        (await q().query(`SELECT stream_ordering FROM push_evaluation_position WHERE id = 1`))[0]
          .stream_ordering,
      );
    const from = await at();
    const user = '@m:test.local';
    expect(
      await actions.storeBatch(q(), { actions: [row(21, { userId: user })], move: { from, to: from + 5 } }),
    ).toBe(true);
    expect(await at()).toBe(from + 5);
    expect(
      await actions.storeBatch(q(), { actions: [row(22, { userId: user })], move: { from, to: from + 9 } }),
    ).toBe(false);
    expect(await at()).toBe(from + 5);
    const stored = await actions.notifications(q(), user, { before: null, limit: 5, onlyHighlight: false });
    expect(stored.map((n) => n.eventId)).toEqual(['$21']);
  });
});
