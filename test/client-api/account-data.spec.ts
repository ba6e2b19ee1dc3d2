import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { Json } from '../support/http';
import { syncClient, TestUser } from './sync-client';

describe('client-server-api "Client Config" (account data)', () => {
  let hs: TestHomeserver;
  let c: ReturnType<typeof syncClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    c = syncClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const path = (userId: string, type: string, roomId?: string) =>
    `/_matrix/client/v3/user/${encodeURIComponent(userId)}${roomId ? `/rooms/${encodeURIComponent(roomId)}` : ''}/account_data/${encodeURIComponent(type)}`;
  const put = (u: TestUser, type: string, content: unknown, roomId?: string, userId = u.userId) =>
    c.api.call('PUT', path(userId, type, roomId), content, u.token);
  const get = (u: TestUser, type: string, roomId?: string, userId = u.userId) =>
    c.api.call('GET', path(userId, type, roomId), undefined, u.token);

  it('global and per-room data round-trip, stay apart, and appear in /sync', async () => {
    const alice = await c.user('alice');
    const roomId = await c.createRoom(alice);
    expect(await put(alice, 'org.example.config', { theme: 'dark', n: 0.5 })).toEqual({
      status: 200,
      body: {},
    });
    expect(await put(alice, 'org.example.config', { theme: 'light' }, roomId)).toEqual({
      status: 200,
      body: {},
    });
    expect(await get(alice, 'org.example.config')).toEqual({ status: 200, body: { theme: 'dark', n: 0.5 } });
    expect(await get(alice, 'org.example.config', roomId)).toEqual({ status: 200, body: { theme: 'light' } });

    const initial = await c.sync(alice);
    expect(initial.account_data.events).toContainEqual({
      type: 'org.example.config',
      content: { theme: 'dark', n: 0.5 },
    });
    expect(initial.rooms.join[roomId].account_data.events).toEqual([
      { type: 'org.example.config', content: { theme: 'light' } },
    ]);

    await put(alice, 'org.example.config', { theme: 'blue' });
    const next = await c.sync(alice, { since: initial.next_batch, timeout: 5000 });
    expect(next.account_data.events).toEqual([{ type: 'org.example.config', content: { theme: 'blue' } }]);
    expect(next.rooms?.join?.[roomId]).toBeUndefined();
  });

  it('applies the account_data filters of /sync', async () => {
    const alice = await c.user('alice');
    await put(alice, 'org.example.a', { a: 1 });
    await put(alice, 'org.example.b', { b: 1 });
    const body = await c.sync(alice, {
      filter: JSON.stringify({ account_data: { types: ['org.example.b'] } }),
    });
    expect(body.account_data.events.map((e: Json) => e.type)).toEqual(['org.example.b']);
  });

  it('refuses other users, server-managed types, bad room IDs and bodies that are not objects', async () => {
    const alice = await c.user('alice');
    const bob = await c.user('bob');
    const roomId = await c.createRoom(alice);
    const error = async (res: Promise<{ status: number; body: Json }>) => {
      const { status, body } = await res;
      return [status, body.errcode];
    };
    expect(await error(put(bob, 'org.example', { x: 1 }, undefined, alice.userId))).toEqual([
      403,
      'M_FORBIDDEN',
    ]);
    expect(await error(get(bob, 'org.example', undefined, alice.userId))).toEqual([403, 'M_FORBIDDEN']);
    expect(await error(put(bob, 'org.example', { x: 1 }, roomId, alice.userId))).toEqual([
      403,
      'M_FORBIDDEN',
    ]);
    expect(await error(get(alice, 'org.missing'))).toEqual([404, 'M_NOT_FOUND']);
    expect(await error(get(alice, 'org.missing', roomId))).toEqual([404, 'M_NOT_FOUND']);
    expect(await error(put(alice, 'm.fully_read', { event_id: '$x' }, roomId))).toEqual([405, 'M_BAD_JSON']);
    expect(await error(put(alice, 'm.push_rules', {}))).toEqual([405, 'M_BAD_JSON']);
    expect(await error(put(alice, 'org.example', { x: 1 }, '@notaroom:test.local'))).toEqual([
      400,
      'M_INVALID_PARAM',
    ]);
    expect(await error(get(alice, 'org.example', '@notaroom:test.local'))).toEqual([400, 'M_INVALID_PARAM']);
    expect(await error(put(alice, 'org.example', '[1, 2]'))).toEqual([400, 'M_BAD_JSON']);
    expect(await error(put(alice, 'org.example', 'nope'))).toEqual([400, 'M_NOT_JSON']);
  });
});
