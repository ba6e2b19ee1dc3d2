import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, roomsClient, TestUser, v3 } from './rooms-client';

/** What a fake application service was asked: path (decoded, no query), query and Authorization. */
interface Asked {
  path: string;
  query: Record<string, string>;
  authorization: string | undefined;
}

type Handler = (asked: Asked) => Promise<[number, unknown]> | [number, unknown];

/** An application service on 127.0.0.1 that answers by path; unknown paths get Synapse-less 404s without errcode. */
class FakeAppservice {
  readonly asked: Asked[] = [];
  readonly routes = new Map<string, Handler>();
  private readonly server: Server = createServer((req, res) => void this.answer(req, res));

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const asked: Asked = {
      path: decodeURIComponent(url.pathname),
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
    };
    this.asked.push(asked);
    const handler = this.routes.get(asked.path);
    const [status, body] = handler ? await handler(asked) : [404, { error: 'no such route' }];
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

const registration = (
  id: string,
  url: string,
  namespaces: { users?: string[]; aliases?: string[] },
  protocols: string[],
) =>
  [
    `id: ${id}`,
    `url: ${url}`,
    `as_token: as-${id}`,
    `hs_token: hs-${id}`,
    `sender_localpart: ${id}-bot`,
    'namespaces:',
    `  users: [${(namespaces.users ?? []).map((r) => `{regex: '${r}', exclusive: false}`).join(', ')}]`,
    `  aliases: [${(namespaces.aliases ?? []).map((r) => `{regex: '${r}', exclusive: false}`).join(', ')}]`,
    '  rooms: []',
    `protocols: [${protocols.join(', ')}]`,
    '',
  ].join('\n');

describe('application-service-api "Querying" and "Third-party networks", through the client-server API', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  let alice: TestUser;
  let dir: string;
  const bridge = new FakeAppservice();
  const legacy = new FakeAppservice();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-as-'));
    const files = [join(dir, 'bridge.yaml'), join(dir, 'legacy.yaml'), join(dir, 'down.yaml')];
    await writeFile(
      files[0],
      registration('bridge', await bridge.start(), { users: ['@irc_.*'], aliases: ['#irc_.*'] }, ['irc']),
    );
    await writeFile(files[1], registration('legacy', await legacy.start(), {}, ['irc', 'gitter']));
    // Nothing listens on port 9 of 127.0.0.1 (discard): a service that is down.
    await writeFile(
      files[2],
      registration('down', 'http://127.0.0.1:9', { users: ['@down_.*'], aliases: ['#down_.*'] }, ['irc']),
    );
    hs = await startTestHomeserver({ app_service_config_files: files });
    api = roomsClient(hs);
    alice = await api.user('alice');
  });
  afterAll(async () => {
    await hs?.stop();
    await bridge.stop();
    await legacy.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const server = () => hs.config.server_name;

  describe('"Querying"', () => {
    it('GET /profile of an unknown user in a namespace asks GET /_matrix/app/v1/users/{userId}, then finds the user', async () => {
      const userId = `@irc_bob:${server()}`;
      bridge.routes.set(`/_matrix/app/v1/users/${userId}`, async () => {
        await api.register('irc_bob');
        return [200, {}];
      });
      const res = await alice.call('GET', `${v3}/profile/${encodeURIComponent(userId)}`);
      expect(res).toEqual({ status: 200, body: { displayname: 'irc_bob' } });
      expect(bridge.asked.find((a) => a.path.endsWith(userId))?.authorization).toBe('Bearer hs-bridge');
    });

    it('answers M_NOT_FOUND when the service says 404, the service is down, or no namespace covers the user', async () => {
      for (const localpart of ['irc_nobody', 'down_nobody', 'elsewhere']) {
        expectError(
          await alice.call('GET', `${v3}/profile/${encodeURIComponent(`@${localpart}:${server()}`)}`),
          404,
          'M_NOT_FOUND',
        );
      }
      expect(bridge.asked.some((a) => a.path === `/_matrix/app/v1/users/@irc_nobody:${server()}`)).toBe(true);
      expect(bridge.asked.some((a) => a.path.includes('elsewhere'))).toBe(false);
    });

    it('an invite of an unknown user in a namespace lets the service create the user first', async () => {
      const userId = `@irc_carol:${server()}`;
      bridge.routes.set(`/_matrix/app/v1/users/${userId}`, async () => {
        await api.register('irc_carol');
        return [200, {}];
      });
      const roomId = await api.createRoom(alice);
      const invite = await alice.call('POST', `${v3}/rooms/${encodeURIComponent(roomId)}/invite`, {
        user_id: userId,
      });
      expect(invite).toEqual({ status: 200, body: {} });
    });

    it('GET /directory/room/{alias} of an unknown alias asks GET /_matrix/app/v1/rooms/{alias}, then resolves it', async () => {
      const alias = `#irc_chan:${server()}`;
      const roomId = await api.createRoom(alice);
      bridge.routes.set(`/_matrix/app/v1/rooms/${alias}`, async () => {
        const put = await alice.call('PUT', `${v3}/directory/room/${encodeURIComponent(alias)}`, {
          room_id: roomId,
        });
        return put.status === 200 ? [200, {}] : [500, put.body];
      });
      expect(await api.call('GET', `${v3}/directory/room/${encodeURIComponent(alias)}`)).toEqual({
        status: 200,
        body: { room_id: roomId, servers: [server()] },
      });
      for (const missing of ['#irc_none', '#down_none', '#other']) {
        expectError(
          await api.call('GET', `${v3}/directory/room/${encodeURIComponent(`${missing}:${server()}`)}`),
          404,
          'M_NOT_FOUND',
        );
      }
    });

    it('a join by an unknown alias asks the service too', async () => {
      const alias = `#irc_joinable:${server()}`;
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      bridge.routes.set(`/_matrix/app/v1/rooms/${alias}`, async () => {
        await alice.call('PUT', `${v3}/directory/room/${encodeURIComponent(alias)}`, { room_id: roomId });
        return [200, {}];
      });
      const bob = await api.user('bob');
      expect(await bob.call('POST', `${v3}/join/${encodeURIComponent(alias)}`, {})).toEqual({
        status: 200,
        body: { room_id: roomId },
      });
    });
  });

  describe('"Third-party networks"', () => {
    const ymca = (instances: object[]) => ({
      user_fields: ['field1', 'field2'],
      location_fields: ['field3'],
      icon: 'mxc://1234/56/7',
      field_types: {},
      instances,
    });

    beforeAll(() => {
      bridge.routes.set('/_matrix/app/v1/thirdparty/protocol/irc', () => [
        200,
        ymca([{ desc: 'Freenode', network_id: 'freenode', fields: {} }]),
      ]);
      // The legacy service knows only the unstable paths: every /_matrix/app/v1 path is a 404 without errcode.
      legacy.routes.set('/_matrix/app/unstable/thirdparty/protocol/irc', () => [
        200,
        ymca([{ desc: 'OFTC', network_id: 'oftc', fields: {} }]),
      ]);
      legacy.routes.set('/_matrix/app/unstable/thirdparty/protocol/gitter', () => [200, []]);
      bridge.routes.set('/_matrix/app/v1/thirdparty/user/irc', () => [
        200,
        [{ protocol: 'irc', fields: { field1: 'result' }, userid: '@irc_remote:bridged.example.com' }],
      ]);
      legacy.routes.set('/_matrix/app/unstable/thirdparty/user/irc', () => [
        200,
        [
          { protocol: 'irc', fields: { field1: 'legacy' }, userid: '@oftc:bridged.example.com' },
          { invalid: true },
        ],
      ]);
      bridge.routes.set('/_matrix/app/v1/thirdparty/location', ({ query }) => [
        200,
        [{ protocol: 'irc', fields: { channel: 'chan' }, alias: query.alias }],
      ]);
    });

    it('GET /thirdparty/protocols merges the services of a protocol, with instance_ids; legacy paths as a fallback', async () => {
      const res = await alice.call('GET', `${v3}/thirdparty/protocols`);
      expect(res).toEqual({
        status: 200,
        body: {
          irc: ymca([
            { desc: 'Freenode', network_id: 'freenode', fields: {}, instance_id: 'bridge|freenode' },
            { desc: 'OFTC', network_id: 'oftc', fields: {}, instance_id: 'legacy|oftc' },
          ]),
        },
      });
      expect(legacy.asked.map((a) => a.path)).toEqual(
        expect.arrayContaining([
          '/_matrix/app/v1/thirdparty/protocol/irc',
          '/_matrix/app/unstable/thirdparty/protocol/irc',
        ]),
      );
    });

    it('GET /thirdparty/protocol/{protocol}: one protocol; an unknown or undescribed one is 404 M_NOT_FOUND', async () => {
      expect((await alice.call('GET', `${v3}/thirdparty/protocol/irc`)).body).toMatchObject({
        icon: 'mxc://1234/56/7',
      });
      expectError(await alice.call('GET', `${v3}/thirdparty/protocol/gitter`), 404, 'M_NOT_FOUND');
      expectError(await alice.call('GET', `${v3}/thirdparty/protocol/xmpp`), 404, 'M_NOT_FOUND');
    });

    it('GET /thirdparty/user/{protocol} passes the fields to every service of the protocol and concatenates', async () => {
      const res = await alice.call('GET', `${v3}/thirdparty/user/irc?field1=ONE&field2=TWO`);
      expect(res).toEqual({
        status: 200,
        body: [
          { protocol: 'irc', fields: { field1: 'result' }, userid: '@irc_remote:bridged.example.com' },
          { protocol: 'irc', fields: { field1: 'legacy' }, userid: '@oftc:bridged.example.com' },
        ],
      });
      const asked = bridge.asked.find((a) => a.path === '/_matrix/app/v1/thirdparty/user/irc');
      expect(asked).toMatchObject({
        authorization: 'Bearer hs-bridge',
        query: { field1: 'ONE', field2: 'TWO' },
      });
    });

    it('GET /thirdparty/location/{protocol}: none found is 404 M_NOT_FOUND, an unknown protocol too', async () => {
      expectError(await alice.call('GET', `${v3}/thirdparty/location/irc?field3=x`), 404, 'M_NOT_FOUND');
      expectError(await alice.call('GET', `${v3}/thirdparty/location/xmpp`), 404, 'M_NOT_FOUND');
      expectError(
        await alice.call('GET', `${v3}/thirdparty/user/irc?field1=a&field1=b`),
        400,
        'M_INVALID_PARAM',
      );
    });

    it('GET /thirdparty/location?alias= asks the bridges whose namespace has the alias', async () => {
      const alias = `#irc_portal:${server()}`;
      expect(await alice.call('GET', `${v3}/thirdparty/location?alias=${encodeURIComponent(alias)}`)).toEqual(
        {
          status: 200,
          body: [{ protocol: 'irc', fields: { channel: 'chan' }, alias }],
        },
      );
      expect(
        await alice.call('GET', `${v3}/thirdparty/user?userid=${encodeURIComponent('@x:elsewhere')}`),
      ).toEqual({
        status: 200,
        body: [],
      });
    });
  });

  describe('"Application service room directories"', () => {
    const listPath = (network: string, roomId: string) =>
      `${v3}/directory/list/appservice/${network}/${encodeURIComponent(roomId)}`;
    const asCall = (method: string, path: string, body?: unknown) =>
      api.call(method, path, body, 'as-bridge');
    const listed = async (body: Record<string, unknown>) => {
      const res = await alice.call('POST', `${v3}/publicRooms`, body);
      expect(res.status).toBe(200);
      return (res.body.chunk as { room_id: string }[]).map((c) => c.room_id);
    };

    it("lists a room the service published in its network's directory only, until it takes the room out", async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat', name: 'Portal' });
      expect(await asCall('PUT', listPath('random-network', roomId), { visibility: 'public' })).toEqual({
        status: 200,
        body: {},
      });
      expect(await listed({})).not.toContain(roomId);
      expect(await listed({ third_party_instance_id: 'bridge|random-network' })).toContain(roomId);
      expect(await listed({ third_party_instance_id: 'bridge|other-network' })).not.toContain(roomId);
      expect(await listed({ include_all_networks: true })).toContain(roomId);
      const get = await alice.call(
        'GET',
        `${v3}/publicRooms?third_party_instance_id=${encodeURIComponent('bridge|random-network')}`,
      );
      expect((get.body.chunk as { room_id: string }[]).map((c) => c.room_id)).toContain(roomId);

      expect(await asCall('DELETE', listPath('random-network', roomId))).toEqual({ status: 200, body: {} });
      expect(await listed({ third_party_instance_id: 'bridge|random-network' })).not.toContain(roomId);
      await asCall('PUT', listPath('random-network', roomId), { visibility: 'public' });
      await asCall('PUT', listPath('random-network', roomId), { visibility: 'private' });
      expect(await listed({ include_all_networks: true })).not.toContain(roomId);
    });

    it("keeps the service's directory apart from the server's", async () => {
      const roomId = await api.createRoom(alice, { preset: 'public_chat' });
      await asCall('PUT', listPath('net', roomId), { visibility: 'public' });
      await alice.call('PUT', `${v3}/directory/list/room/${encodeURIComponent(roomId)}`, {
        visibility: 'public',
      });
      await asCall('DELETE', listPath('net', roomId));
      expect(await listed({})).toContain(roomId);
      expect(await listed({ include_all_networks: true })).toContain(roomId);
      expect(await listed({ third_party_instance_id: 'bridge|net' })).not.toContain(roomId);
    });

    it('refuses a user, an unknown room, and a network selection it cannot read', async () => {
      const roomId = await api.createRoom(alice);
      expectError(
        await alice.call('PUT', listPath('net', roomId), { visibility: 'public' }),
        403,
        'M_FORBIDDEN',
      );
      expectError(
        await asCall('PUT', listPath('net', `!unknown:${server()}`), { visibility: 'public' }),
        404,
        'M_NOT_FOUND',
      );
      expectError(
        await asCall('PUT', listPath('net', roomId), { visibility: 'hidden' }),
        400,
        'M_INVALID_PARAM',
      );
      expectError(
        await alice.call('POST', `${v3}/publicRooms`, {
          include_all_networks: true,
          third_party_instance_id: 'bridge|net',
        }),
        400,
        'M_INVALID_PARAM',
      );
      expectError(
        await alice.call('POST', `${v3}/publicRooms`, { third_party_instance_id: 'no-bar' }),
        400,
        'M_INVALID_PARAM',
      );
    });
  });
});
