import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { ids, syncClient, TestUser } from './sync-client';

describe('client-server-api "Syncing" under concurrent senders', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('every acknowledged event of 20 simultaneous senders reaches a long-polling reader exactly once', async () => {
    const reader = await c.user('reader');
    const roomId = await c.createRoom(reader);
    const senders: TestUser[] = [];
    for (let i = 0; i < 20; i++) {
      const u = await c.user('s');
      await c.join(roomId, u);
      senders.push(u);
    }
    const filter = JSON.stringify({ room: { timeline: { limit: 7, types: ['m.room.message'] } } });
    let since = (await c.sync(reader, { filter })).next_batch as string;

    const acknowledged: string[] = [];
    let sending = true;
    const sends = Promise.all(
      senders.map(async (u, n) => {
        for (let i = 0; i < 10; i++) acknowledged.push((await c.say(roomId, u, `${n}/${i}`)).eventId);
      }),
    ).finally(() => {
      sending = false;
    });

    const received: string[] = [];
    // Like a client: a limited timeline is completed by paging back to where the last sync ended.
    const collect = async (body: Json) => {
      const timeline = body.rooms?.join?.[roomId]?.timeline;
      if (!timeline) return;
      const gap: string[] = [];
      if (timeline.limited) {
        let from: string | undefined = timeline.prev_batch;
        while (from !== undefined) {
          const page = await c.messages(reader, roomId, {
            from,
            to: since,
            dir: 'b',
            limit: 13,
            filter: '{"types":["m.room.message"]}',
          });
          gap.unshift(...ids(page.body.chunk).reverse());
          from = page.body.end;
        }
      }
      received.push(...gap, ...ids(timeline.events));
    };
    while (sending) {
      const body = await c.sync(reader, { since, filter, timeout: 5_000 });
      await collect(body);
      since = body.next_batch;
    }
    await sends;
    const last = await c.sync(reader, { since, filter });
    await collect(last);

    expect(acknowledged).toHaveLength(200);
    expect([...received].sort()).toEqual([...acknowledged].sort());

    const history: string[] = [];
    let from: string | undefined = last.next_batch;
    while (from !== undefined) {
      const page = await c.messages(reader, roomId, {
        from,
        dir: 'b',
        limit: 50,
        filter: '{"types":["m.room.message"]}',
      });
      history.push(...ids(page.body.chunk));
      from = page.body.end;
    }
    expect(history.reverse()).toEqual(received);
  }, 120_000);
});
