import pino from 'pino';
import { createAppserviceServer } from './appservice-server';
import { AppserviceHandler, AppserviceServer, MatrixEphemeral, MatrixEvent } from './appservice-server.port';

const HS_TOKEN = 'hs-secret';

interface Recorded {
  txns: Array<{ txnId: string; events: MatrixEvent[]; ephemeral: MatrixEphemeral[] }>;
}

describe('createAppserviceServer', () => {
  let server: AppserviceServer;
  let base: string;
  let recorded: Recorded;
  let failNext: Error | null;
  let handler: AppserviceHandler;

  beforeEach(async () => {
    recorded = { txns: [] };
    failNext = null;
    handler = {
      onTransaction: async (txnId, events, ephemeral) => {
        if (failNext) {
          const err = failNext;
          failNext = null;
          throw err;
        }
        recorded.txns.push({ txnId, events, ephemeral });
      },
      onUserQuery: async (userId) => userId === '@discord_1:example.org',
      onAliasQuery: async (alias) => alias === '#discord_1:example.org',
    };
    server = createAppserviceServer({ hsToken: HS_TOKEN, handler, log: pino({ level: 'silent' }) });
    base = `http://127.0.0.1:${await server.listen('127.0.0.1', 0)}`;
  });

  afterEach(() => server.close());

  const call = async (method: string, path: string, body?: unknown, token: string | null = HS_TOKEN) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
        'Content-Type': 'application/json',
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const event: MatrixEvent = {
    event_id: '$1',
    room_id: '!r:example.org',
    sender: '@alice:example.org',
    type: 'm.room.message',
    content: { msgtype: 'm.text', body: 'hi' },
    origin_server_ts: 1,
  };

  it('hands a transaction with its events and ephemeral events to the handler', async () => {
    const typing = {
      type: 'm.typing',
      room_id: '!r:example.org',
      content: { user_ids: ['@alice:example.org'] },
    };
    expect(
      await call('PUT', '/_matrix/app/v1/transactions/t1', { events: [event], ephemeral: [typing] }),
    ).toEqual({
      status: 200,
      body: {},
    });
    expect(recorded.txns).toEqual([{ txnId: 't1', events: [event], ephemeral: [typing] }]);
  });

  it('reads the unstable MSC2409 ephemeral key and the legacy path', async () => {
    const receipt = { type: 'm.receipt', room_id: '!r:example.org', content: {} };
    const body = {
      events: [],
      'de.sorunome.msc2409.ephemeral': [receipt],
      'de.sorunome.msc2409.to_device': [{}],
    };
    expect((await call('PUT', '/transactions/t2', body)).status).toBe(200);
    expect(recorded.txns).toEqual([{ txnId: 't2', events: [], ephemeral: [receipt] }]);
  });

  it('acknowledges a repeated transaction without handling it again', async () => {
    await call('PUT', '/_matrix/app/v1/transactions/t3', { events: [event] });
    expect((await call('PUT', '/_matrix/app/v1/transactions/t3', { events: [event] })).status).toBe(200);
    expect(recorded.txns).toHaveLength(1);
  });

  it('answers 500 when the handler fails, and handles the retry', async () => {
    failNext = new Error('database down');
    expect(await call('PUT', '/_matrix/app/v1/transactions/t4', { events: [event] })).toEqual({
      status: 500,
      body: { errcode: 'M_UNKNOWN', error: 'the bridge could not handle the request' },
    });
    expect((await call('PUT', '/_matrix/app/v1/transactions/t4', { events: [event] })).status).toBe(200);
    expect(recorded.txns.map((t) => t.txnId)).toEqual(['t4']);
  });

  it('answers the 5xx status a handler error carries (503 while the bridge starts)', async () => {
    failNext = Object.assign(new Error('starting'), { status: 503 });
    expect((await call('PUT', '/_matrix/app/v1/transactions/t5', { events: [] })).status).toBe(503);
  });

  it('checks the hs_token: missing 401, wrong 403, query parameter accepted, both must match', async () => {
    expect(await call('PUT', '/_matrix/app/v1/transactions/a', { events: [] }, null)).toMatchObject({
      status: 401,
      body: { errcode: 'M_UNAUTHORIZED' },
    });
    expect(await call('PUT', '/_matrix/app/v1/transactions/b', { events: [] }, 'nope')).toMatchObject({
      status: 403,
      body: { errcode: 'M_FORBIDDEN' },
    });
    expect((await call('GET', '/_matrix/app/v1/users/@x:y?access_token=nope', undefined, null)).status).toBe(
      403,
    );
    expect((await call('PUT', `/transactions/c?access_token=${HS_TOKEN}`, { events: [] }, null)).status).toBe(
      200,
    );
    expect((await call('PUT', '/transactions/d?access_token=nope', { events: [] })).status).toBe(403);
    expect(recorded.txns.map((t) => t.txnId)).toEqual(['c']);
  });

  it('refuses bodies that are not JSON or lack events', async () => {
    expect(await call('PUT', '/_matrix/app/v1/transactions/e', '{not json')).toMatchObject({
      status: 400,
      body: { errcode: 'M_NOT_JSON' },
    });
    expect(await call('PUT', '/_matrix/app/v1/transactions/f', { events: 'x' })).toMatchObject({
      status: 400,
      body: { errcode: 'M_BAD_JSON' },
    });
    expect(recorded.txns).toEqual([]);
  });

  it('refuses bodies over 50 MB with 413', async () => {
    const big = JSON.stringify({ events: [], pad: 'x'.repeat(50 * 1024 * 1024) });
    expect((await call('PUT', '/_matrix/app/v1/transactions/g', big)).status).toBe(413);
  });

  it('answers user and alias queries from the handler', async () => {
    expect(
      await call('GET', `/_matrix/app/v1/users/${encodeURIComponent('@discord_1:example.org')}`),
    ).toEqual({
      status: 200,
      body: {},
    });
    expect(await call('GET', '/_matrix/app/v1/users/@discord_2:example.org')).toMatchObject({
      status: 404,
      body: { errcode: 'M_NOT_FOUND' },
    });
    expect((await call('GET', `/rooms/${encodeURIComponent('#discord_1:example.org')}`)).status).toBe(200);
    expect(
      (await call('GET', `/_matrix/app/v1/rooms/${encodeURIComponent('#other:example.org')}`)).status,
    ).toBe(404);
    expect((await call('GET', `/users/${encodeURIComponent('@discord_1:example.org')}`)).status).toBe(200);
  });

  it('answers ping, and the third-party lookups with 404 (nothing found)', async () => {
    expect(await call('POST', '/_matrix/app/v1/ping', { transaction_id: 'meow' })).toEqual({
      status: 200,
      body: {},
    });
    for (const path of [
      'protocol/discord',
      'user/discord?x=1',
      'user?userid=%40a:b',
      'location?alias=%23a:b',
    ]) {
      expect(await call('GET', `/_matrix/app/v1/thirdparty/${path}`)).toMatchObject({
        status: 404,
        body: { errcode: 'M_NOT_FOUND' },
      });
    }
  });

  it('answers unknown paths and methods with M_UNRECOGNIZED', async () => {
    expect(await call('GET', '/_matrix/app/v1/nothing')).toMatchObject({
      status: 404,
      body: { errcode: 'M_UNRECOGNIZED' },
    });
    expect(await call('GET', '/_matrix/app/v1/transactions/x')).toMatchObject({
      status: 405,
      body: { errcode: 'M_UNRECOGNIZED' },
    });
  });
});
