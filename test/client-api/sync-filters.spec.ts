import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { ids, syncClient } from './sync-client';

describe('client-server-api "Filtering" and /sync parameters', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const filterPath = (userId: string, id?: string) =>
    `/_matrix/client/v3/user/${encodeURIComponent(userId)}/filter${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

  it('stores a filter for its owner and gives it back; others get M_FORBIDDEN, unknown IDs M_NOT_FOUND', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const filter = {
      room: { timeline: { limit: 2, types: ['m.room.message'] } },
      event_fields: ['type', 'content'],
    };
    const created = await c.api.call('POST', filterPath(alice.userId), filter, alice.token);
    expect(created.status).toBe(200);
    const filterId = created.body.filter_id as string;
    expect(filterId.startsWith('{')).toBe(false);

    const fetched = await c.get(alice, filterPath(alice.userId, filterId));
    expect(fetched).toEqual({ status: 200, body: filter });
    const theirs = await c.get(bob, filterPath(alice.userId, filterId));
    expect([theirs.status, theirs.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
    const unknown = await c.get(alice, filterPath(alice.userId, '987654321'));
    expect([unknown.status, unknown.body.errcode]).toEqual([404, 'M_NOT_FOUND']);
    const forOther = await c.api.call('POST', filterPath(alice.userId), {}, bob.token);
    expect([forOther.status, forOther.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
    const malformed = await c.api.call(
      'POST',
      filterPath(alice.userId),
      { room: { timeline: { limit: -1 } } },
      alice.token,
    );
    expect(malformed.status).toBe(400);
  });

  it('/sync applies a stored filter and the same filter inline', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    await c.sendState(roomId, alice, 'm.room.topic', '', { topic: 't' });
    const said = [];
    for (let i = 0; i < 3; i++) said.push((await c.say(roomId, alice, `m${i}`)).eventId);
    const filter = {
      room: { timeline: { limit: 2, types: ['m.room.message'] } },
      event_fields: ['type', 'event_id'],
    };
    const { body } = await c.api.call('POST', filterPath(alice.userId), filter, alice.token);

    for (const param of [body.filter_id as string, JSON.stringify(filter)]) {
      const room = (await c.sync(alice, { filter: param })).rooms.join[roomId];
      expect(ids(room.timeline.events)).toEqual(said.slice(1));
      expect(room.timeline.limited).toBe(true);
      expect(room.timeline.events.every((e: Json) => Object.keys(e).sort().join() === 'event_id,type')).toBe(
        true,
      );
    }
  });

  it('rooms / not_rooms leave rooms out of the sync', async () => {
    const alice = await c.user('alice');
    const kept = await c.createRoom(alice);
    const dropped = await c.createRoom(alice);
    const body = await c.sync(alice, { filter: JSON.stringify({ room: { not_rooms: [dropped] } }) });
    expect(Object.keys(body.rooms.join)).toEqual([kept]);
  });

  it('a next_batch token round-trips: the next sync resumes exactly where the last one ended', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    let since = (await c.sync(alice)).next_batch as string;
    const seen: string[] = [];
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      sent.push((await c.say(roomId, alice, `m${i}`)).eventId);
      const body = await c.sync(alice, { since });
      seen.push(...ids(body.rooms?.join?.[roomId]?.timeline.events));
      since = body.next_batch;
    }
    expect(seen).toEqual(sent);
  });

  it('answers spec errors for bad since, filter, timeout, full_state and set_presence', async () => {
    const alice = await c.user('alice');
    const cases: [Record<string, string>, number, string][] = [
      [{ since: 'not-a-token' }, 400, 'M_INVALID_PARAM'],
      [{ since: 'sevents.-4' }, 400, 'M_INVALID_PARAM'],
      [{ filter: '12345678' }, 400, 'M_INVALID_PARAM'],
      [{ filter: '{"room":' }, 400, 'M_NOT_JSON'],
      [{ filter: '{"room":{"timeline":{"limit":-1}}}' }, 400, 'M_INVALID_PARAM'],
      [{ timeout: 'soon' }, 400, 'M_INVALID_PARAM'],
      [{ full_state: 'yes' }, 400, 'M_INVALID_PARAM'],
      [{ set_presence: 'busy' }, 400, 'M_INVALID_PARAM'],
    ];
    for (const [query, status, errcode] of cases) {
      const res = await c.get(alice, '/_matrix/client/v3/sync', query);
      expect({ query, status: res.status, errcode: res.body.errcode }).toEqual({ query, status, errcode });
    }
    const anonymous = await fetch(`${hs.baseUrl}/_matrix/client/v3/sync`);
    expect(anonymous.status).toBe(401);
  });
});
