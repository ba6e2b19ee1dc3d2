import { JsonObject, timelineEvent } from '@switchboard/protocol';
import { SendPerform } from '@switchboard/rooms';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { ids, syncClient, TestUser } from './sync-client';

describe('client-server-api "Forming relationships between events": /relations, /threads, bundled aggregations', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;

  const send = async (sender: TestUser, content: JsonObject, type = 'm.room.message'): Promise<string> =>
    (await hs.app.get(SendPerform).send(roomId, sender.userId, timelineEvent(type, content))).eventId;
  const relatesTo = (relType: string, eventId: string) => ({
    'm.relates_to': { rel_type: relType, event_id: eventId },
  });
  const edit = (sender: TestUser, target: string, body: string) =>
    send(sender, {
      msgtype: 'm.text',
      body: `* ${body}`,
      'm.new_content': { msgtype: 'm.text', body },
      ...relatesTo('m.replace', target),
    });
  const v1 = (path: string) => `/_matrix/client/v1/rooms/${encodeURIComponent(roomId)}${path}`;
  const event = async (u: TestUser, eventId: string): Promise<Json> => {
    const res = await c.get(
      u,
      `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/event/${encodeURIComponent(eventId)}`,
    );
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
    alice = await c.user('alice');
    bob = await c.user('bob');
    roomId = await c.createRoom(alice);
    await c.join(roomId, bob);
  }, 60_000);
  afterAll(async () => {
    await hs?.stop();
  });

  it('"Server-side aggregation of m.replace relationships": the newest valid edit is bundled, the content left intact', async () => {
    const original = await send(alice, { msgtype: 'm.text', body: 'I like cake' });
    const first = await edit(alice, original, 'I like chocolate cake');
    const latest = await edit(alice, original, 'I really like chocolate cake');
    // "The original event and replacement event must have the same sender": ignored.
    await edit(bob, original, 'bob was here');
    const served = await event(alice, original);
    expect(served.content.body).toBe('I like cake');
    expect(served.unsigned['m.relations']['m.replace'].event_id).toBe(latest);
    expect(served.unsigned['m.relations']['m.replace'].content['m.new_content'].body).toBe(
      'I really like chocolate cake',
    );

    // "When an event using a rel_type of m.replace is redacted, it removes that edit revision."
    await hs.app
      .get(SendPerform)
      .send(roomId, alice.userId, timelineEvent('m.room.redaction', { redacts: latest }));
    expect((await event(alice, original)).unsigned['m.relations']['m.replace'].event_id).toBe(first);
  });

  it('"Server-side aggregation of m.thread relationships" in /messages: latest_event, count, current_user_participated', async () => {
    const root = await send(alice, { msgtype: 'm.text', body: 'thread root' });
    const replies = [];
    for (let i = 0; i < 3; i++)
      replies.push(
        await send(bob, { msgtype: 'm.text', body: `reply ${i}`, ...relatesTo('m.thread', root) }),
      );
    const carol = await c.user('carol');
    await c.join(roomId, carol);
    for (const [viewer, participated] of [
      [alice, true],
      [bob, true],
      [carol, false],
    ] as const) {
      const page = await c.messages(viewer, roomId, { dir: 'b', limit: 20 });
      const served = page.body.chunk.find((e: Json) => e.event_id === root);
      const thread = served.unsigned['m.relations']['m.thread'];
      expect([thread.latest_event.event_id, thread.count, thread.current_user_participated]).toEqual([
        replies[2],
        3,
        participated,
      ]);
    }
  });

  it('bundles m.reference children as a chunk of event IDs', async () => {
    const parent = await send(alice, { msgtype: 'm.text', body: 'poll' });
    const one = await send(bob, { body: 'vote', ...relatesTo('m.reference', parent) }, 'org.example.vote');
    const two = await send(alice, { body: 'vote', ...relatesTo('m.reference', parent) }, 'org.example.vote');
    expect((await event(bob, parent)).unsigned['m.relations']['m.reference']).toEqual({
      chunk: [{ event_id: one }, { event_id: two }],
    });
  });

  it('GET /relations pages children newest first, filters by relType and eventType, and recurses 3 levels', async () => {
    const parent = await send(alice, { msgtype: 'm.text', body: 'parent' });
    const children = [];
    for (let i = 0; i < 5; i++)
      children.push(await send(bob, { key: `${i}`, ...relatesTo('m.annotation', parent) }, 'm.reaction'));
    const reply = await send(bob, { msgtype: 'm.text', body: 'in thread', ...relatesTo('m.thread', parent) });
    const grandchild = await send(alice, { key: 'x', ...relatesTo('m.annotation', reply) }, 'm.reaction');

    const seen: string[] = [];
    let from: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await c.get(alice, v1(`/relations/${encodeURIComponent(parent)}/m.annotation`), {
        limit: 2,
        ...(from ? { from } : {}),
      });
      expect(page.status).toBe(200);
      seen.push(...ids(page.body.chunk));
      from = page.body.next_batch;
      if (!from) break;
    }
    expect(seen).toEqual([...children].reverse());

    const all = await c.get(alice, v1(`/relations/${encodeURIComponent(parent)}`), { limit: 10, dir: 'f' });
    expect(ids(all.body.chunk)).toEqual([...children, reply]);
    expect(all.body.recursion_depth).toBeUndefined();
    const typed = await c.get(alice, v1(`/relations/${encodeURIComponent(parent)}/m.thread/m.room.message`));
    expect(ids(typed.body.chunk)).toEqual([reply]);
    const deep = await c.get(alice, v1(`/relations/${encodeURIComponent(parent)}/m.annotation`), {
      recurse: true,
      limit: 10,
    });
    expect(ids(deep.body.chunk)).toEqual([grandchild, ...[...children].reverse()]);
    expect(deep.body.recursion_depth).toBe(3);
  });

  it('GET /relations answers 404 M_NOT_FOUND for a parent the user may not see, 400 for a bad dir', async () => {
    const parent = await send(alice, { msgtype: 'm.text', body: 'secret' });
    const outsider = await c.user('outsider');
    const hidden = await c.get(outsider, v1(`/relations/${encodeURIComponent(parent)}`));
    expect([hidden.status, hidden.body.errcode]).toEqual([404, 'M_NOT_FOUND']);
    const unknown = await c.get(alice, v1(`/relations/${encodeURIComponent(`$${'a'.repeat(43)}`)}`));
    expect([unknown.status, unknown.body.errcode]).toEqual([404, 'M_NOT_FOUND']);
    const bad = await c.get(alice, v1(`/relations/${encodeURIComponent(parent)}`), { dir: 'x' });
    expect([bad.status, bad.body.errcode]).toEqual([400, 'M_INVALID_PARAM']);
  });

  it('GET /threads lists thread roots by latest activity, include=participated, and pages', async () => {
    const other = await syncClient(hs).user('dave');
    const room = await c.createRoom(alice);
    await c.join(room, other);
    const say = async (u: TestUser, content: JsonObject) =>
      (await hs.app.get(SendPerform).send(room, u.userId, timelineEvent('m.room.message', content))).eventId;
    const rootA = await say(alice, { msgtype: 'm.text', body: 'A' });
    const rootB = await say(other, { msgtype: 'm.text', body: 'B' });
    const rootC = await say(other, { msgtype: 'm.text', body: 'C' });
    await say(other, { msgtype: 'm.text', body: 'b1', ...relatesTo('m.thread', rootB) });
    await say(other, { msgtype: 'm.text', body: 'c1', ...relatesTo('m.thread', rootC) });
    await say(other, { msgtype: 'm.text', body: 'a1', ...relatesTo('m.thread', rootA) });
    const path = `/_matrix/client/v1/rooms/${encodeURIComponent(room)}/threads`;

    const first = await c.get(alice, path, { limit: 2 });
    expect(ids(first.body.chunk)).toEqual([rootA, rootC]);
    expect(first.body.chunk[0].unsigned['m.relations']['m.thread'].count).toBe(1);
    const second = await c.get(alice, path, { limit: 2, from: first.body.next_batch });
    expect(ids(second.body.chunk)).toEqual([rootB]);
    expect(second.body.next_batch).toBeUndefined();
    const mine = await c.get(alice, path, { include: 'participated' });
    expect(ids(mine.body.chunk)).toEqual([rootA]);
  });

  it('bundles in a limited /sync timeline only', async () => {
    const root = await send(alice, { msgtype: 'm.text', body: 'sync root' });
    await send(bob, { msgtype: 'm.text', body: 'sync reply', ...relatesTo('m.thread', root) });
    const initial = await c.sync(alice, { filter: JSON.stringify({ room: { timeline: { limit: 2 } } }) });
    const timeline = initial.rooms.join[roomId].timeline;
    expect(timeline.limited).toBe(true);
    expect(timeline.events[0].unsigned['m.relations']['m.thread'].count).toBe(1);
  });
});
