import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient } from './sync-client';

describe('/sync presence of users who come to share a room', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const senders = (body: Json) => ((body.presence?.events ?? []) as Json[]).map((e) => e.sender);

  it('a newly joined room brings the presence of its members, once, offline for who never set one', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    const first = await c.sync(bob);
    expect(senders(first)).not.toContain(alice.userId);
    await c.join(roomId, bob);
    const next = await c.sync(bob, { since: first.next_batch });
    const theirs = (next.presence.events as Json[]).filter((e) => e.sender !== bob.userId);
    expect(theirs.map((e) => [e.sender, e.content.presence])).toEqual([[alice.userId, 'offline']]);
    const again = await c.sync(bob, { since: next.next_batch });
    expect(senders(again)).toEqual([]);
  });

  it("a new member's presence reaches the members already there", async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    await c.sync(bob, { set_presence: 'unavailable' });
    const first = await c.sync(alice);
    await c.join(roomId, bob);
    const next = await c.sync(alice, { since: first.next_batch });
    const theirs = (next.presence.events as Json[]).filter((e) => e.sender === bob.userId);
    expect(theirs.map((e) => e.content.presence)).toEqual(['unavailable']);
  });
});
