import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { discordNetworkSchema } from './config.schema';
import { DiscordSession } from './discord-client';
import { RecordingKit } from './testing/recording-kit';

/** Login failures against a stub that answers every request 401 (or refuses connections). */
describe('DiscordSession', () => {
  let server: Server;
  let api = '';
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res
        .writeHead(401, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: '401: Unauthorized', code: 0 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports a rejected token as BAD_CREDENTIALS and keeps retrying without throwing', async () => {
    const kit = new RecordingKit();
    const session = new DiscordSession(
      discordNetworkSchema.parse({ token: 'wrong', api_base_url: api }),
      kit,
      () => undefined,
      () => undefined,
    );
    session.start();
    await kit.until(() => kit.states.find((s) => s.state === 'BAD_CREDENTIALS'));
    expect(kit.states[0].state).toBe('CONNECTING');
    expect(session.current).toBeNull();
    expect(() => session.ready()).toThrow('Discord is not connected');
    const before = requests;
    await kit.until(() => requests > before, 4_000);
    await session.stop();
    expect(kit.state).toBe('STOPPED');
  });

  it('reports a missing token variable as BAD_CREDENTIALS', async () => {
    const kit = new RecordingKit();
    const cfg = discordNetworkSchema.parse({
      token_env: 'SWITCHBOARD_TEST_NO_SUCH_TOKEN',
      api_base_url: api,
    });
    const session = new DiscordSession(
      cfg,
      kit,
      () => undefined,
      () => undefined,
    );
    session.start();
    const state = await kit.until(() => kit.states.find((s) => s.state === 'BAD_CREDENTIALS'));
    expect(state.message).toContain('SWITCHBOARD_TEST_NO_SUCH_TOKEN is not set');
    await session.stop();
  });

  it('reports an unreachable Discord as TRANSIENT_DISCONNECT', async () => {
    const kit = new RecordingKit();
    const session = new DiscordSession(
      discordNetworkSchema.parse({ token: 't', api_base_url: 'http://127.0.0.1:1/api' }),
      kit,
      () => undefined,
      () => undefined,
    );
    session.start();
    await kit.until(() => kit.states.find((s) => s.state === 'TRANSIENT_DISCONNECT'), 20_000);
    await session.stop();
  }, 30_000);
});
