import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, roomsClient, v3 } from './rooms-client';

describe('client-server-api "Push Rules: API" (read side)', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  it('GET /pushrules/ and /pushrules/global/ give the predefined rules, with or without the trailing slash', async () => {
    const alice = await api.user('alice');
    const all = await alice.call('GET', `${v3}/pushrules/`);
    expect(all.status).toBe(200);
    const global = all.body.global as { override: { rule_id: string }[]; underride: { rule_id: string }[] };
    expect(global.override[0].rule_id).toBe('.m.rule.master');
    expect(global.underride.map((r) => r.rule_id)).toContain('.m.rule.message');
    const mention = JSON.stringify(global.override);
    expect(mention).toContain(alice.id);
    const bare = await alice.call('GET', `${v3}/pushrules/global`);
    expect(bare).toEqual({ status: 200, body: all.body.global });
  });

  it('needs an access token', async () => {
    expectError(await api.call('GET', `${v3}/pushrules/`), 401, 'M_MISSING_TOKEN');
    expectError(await api.call('GET', `${v3}/pushrules/`, undefined, 'not-a-token'), 401, 'M_UNKNOWN_TOKEN');
  });
});
