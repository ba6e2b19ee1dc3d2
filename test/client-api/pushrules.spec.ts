import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { expectError, room, roomsClient, TestUser, v3 } from './rooms-client';

const rules = `${v3}/pushrules/global`;

describe('client-server-api "Push Rules: API"', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof roomsClient>;
  beforeAll(async () => {
    hs = await startTestHomeserver();
    api = roomsClient(hs);
  });
  afterAll(async () => {
    await hs?.stop();
  });

  const ids = async (u: TestUser, kind: string): Promise<string[]> =>
    ((await u.call('GET', `${rules}/`)).body[kind] as { rule_id: string }[]).map((r) => r.rule_id);

  it('GET /pushrules/ and /pushrules/global/ give the predefined rules', async () => {
    const alice = await api.user('alice');
    const all = await alice.call('GET', `${v3}/pushrules/`);
    expect(all.status).toBe(200);
    const global = all.body.global as { override: { rule_id: string }[]; underride: { rule_id: string }[] };
    expect(global.override[0].rule_id).toBe('.m.rule.master');
    expect(global.underride.map((r) => r.rule_id)).toContain('.m.rule.message');
    expect(JSON.stringify(global.override)).toContain(alice.id);
    expect(await alice.call('GET', `${rules}/`)).toEqual({ status: 200, body: all.body.global });
  });

  it('without their trailing slash, /pushrules is unknown and /pushrules/global a bad request (as Synapse)', async () => {
    const alice = await api.user('alice');
    expectError(await alice.call('GET', `${v3}/pushrules`), 404, 'M_UNRECOGNIZED');
    expectError(await alice.call('GET', rules), 400, 'M_UNRECOGNIZED');
  });

  it('PUT adds a rule as the most important of its kind, or before/after another; GET and DELETE it', async () => {
    const bob = await api.user('bob');
    const put = (id: string, query = '') =>
      bob.call('PUT', `${rules}/content/${id}${query}`, { pattern: id, actions: ['notify'] });
    expect(await put('one')).toEqual({ status: 200, body: {} });
    await put('two');
    await put('three', '?before=one');
    await put('four', '?after=two');
    expect((await ids(bob, 'content')).filter((id) => !id.startsWith('.'))).toEqual([
      'two',
      'four',
      'three',
      'one',
    ]);
    expect(await bob.call('GET', `${rules}/content/three`)).toEqual({
      status: 200,
      body: { rule_id: 'three', default: false, enabled: true, actions: ['notify'], pattern: 'three' },
    });
    expectError(await put('five', '?before=nope'), 400, 'M_UNKNOWN');
    expectError(await put('five', '?after=.m.rule.contains_user_name'), 400, 'M_UNKNOWN');

    expect(await bob.call('DELETE', `${rules}/content/three`)).toEqual({ status: 200, body: {} });
    expectError(await bob.call('GET', `${rules}/content/three`), 404, 'M_NOT_FOUND');
    expectError(await bob.call('DELETE', `${rules}/content/three`), 404, 'M_NOT_FOUND');
  });

  it('server-default rules cannot be deleted, but can be disabled and given other actions', async () => {
    const carol = await api.user('carol');
    const rule = `${rules}/underride/.m.rule.message`;
    expectError(await carol.call('DELETE', rule), 404, 'M_NOT_FOUND');

    expect(await carol.call('PUT', `${rule}/enabled`, { enabled: false })).toEqual({ status: 200, body: {} });
    expect(await carol.call('GET', `${rule}/enabled`)).toEqual({ status: 200, body: { enabled: false } });
    expect(await carol.call('PUT', `${rule}/actions`, { actions: ['notify', 'dont_notify'] })).toEqual({
      status: 200,
      body: {},
    });
    expect(await carol.call('GET', `${rule}/actions`)).toEqual({
      status: 200,
      body: { actions: ['notify', 'dont_notify'] },
    });
    const stored = await carol.call('GET', rule);
    expect(stored.body).toMatchObject({ rule_id: '.m.rule.message', default: true, enabled: false });
    // Still in its place among the defaults.
    expect((await ids(carol, 'underride')).indexOf('.m.rule.message')).toBeGreaterThan(0);

    expectError(
      await carol.call('PUT', `${rules}/override/.m.rule.nope/enabled`, { enabled: true }),
      404,
      'M_NOT_FOUND',
    );
    expectError(
      await carol.call('PUT', `${rules}/room/!nope:x/actions`, { actions: [] }),
      404,
      'M_NOT_FOUND',
    );
  });

  it('a user rule keeps its enabled flag when updated, and the change reaches /sync as m.push_rules', async () => {
    const dave = await api.user('dave');
    const rule = `${rules}/override/quiet`;
    await dave.call('PUT', rule, { conditions: [], actions: [] });
    await dave.call('PUT', `${rule}/enabled`, { enabled: false });
    await dave.call('PUT', rule, {
      conditions: [{ kind: 'event_match', key: 'type', pattern: 'x' }],
      actions: [],
    });
    expect((await dave.call('GET', `${rule}/enabled`)).body).toEqual({ enabled: false });

    const sync = await dave.call('GET', `${v3}/sync`);
    const pushRules = (
      sync.body.account_data as { events: { type: string; content: { global: unknown } }[] }
    ).events.find((e) => e.type === 'm.push_rules');
    expect(pushRules?.content.global).toEqual((await dave.call('GET', `${rules}/`)).body);
    const viaAccountData = await dave.call(
      'GET',
      `${v3}/user/${encodeURIComponent(dave.id)}/account_data/m.push_rules`,
    );
    expect(viaAccountData.body.global).toEqual((await dave.call('GET', `${rules}/`)).body);
  });

  it('refuses bad rules with 400', async () => {
    const erin = await api.user('erin');
    const cases: [string, unknown, string][] = [
      [`${rules}/not_a_kind/x`, { actions: [] }, 'M_INVALID_PARAM'],
      [`${rules}/override/.reserved`, { conditions: [], actions: [] }, 'M_INVALID_PARAM'],
      [`${rules}/room/${encodeURIComponent('#fo\\o:example.com')}`, { actions: [] }, 'M_INVALID_PARAM'],
      [`${rules}/override/no_conditions`, { actions: [] }, 'M_MISSING_PARAM'],
      [`${rules}/underride/bad_condition`, { conditions: [{}], actions: [] }, 'M_BAD_JSON'],
      [`${rules}/content/no_pattern`, { actions: [] }, 'M_BAD_JSON'],
      [`${rules}/sender/${encodeURIComponent('@a:x')}`, {}, 'M_BAD_JSON'],
      [`${rules}/sender/${encodeURIComponent('@a:x')}`, { actions: ['not_an_action'] }, 'M_INVALID_PARAM'],
      [`${rules}/override/.m.rule.master/enabled`, { enabled: 'yes' }, 'M_BAD_JSON'],
    ];
    for (const [path, body, errcode] of cases) expectError(await erin.call('PUT', path, body), 400, errcode);
  });

  it('GET /pushrules/global/{kind}/ lists a kind; paths naming nothing are bad requests (as Synapse)', async () => {
    const fred = await api.user('fred');
    const underride = await fred.call('GET', `${rules}/underride/`);
    expect(underride.status).toBe(200);
    expect((underride.body as unknown as { rule_id: string }[]).map((r) => r.rule_id)).toContain(
      '.m.rule.message',
    );
    const bad: [string, string][] = [
      ['GET', `${rules}/room`],
      ['GET', `${v3}/pushrules/not_a_scope/`],
      ['GET', `${rules}/not_a_kind/`],
      ['GET', `${rules}/override/.m.rule.master/not_an_attr`],
      ['PUT', `${v3}/pushrules/`],
      ['PUT', `${v3}/pushrules/not_a_scope/room/x`],
      ['PUT', rules],
      ['PUT', `${rules}/room`],
      ['PUT', `${rules}/room/`],
      ['PUT', `${rules}/override/.m.rule.master/not_an_attr`],
    ];
    for (const [method, path] of bad) {
      const res = await fred.call(method, path, method === 'GET' ? undefined : {});
      expect([method, path, res.status]).toEqual([method, path, 400]);
    }
  });

  it("joining a room's upgrade carries the user's rules about the old room over", async () => {
    const gina = await api.user('gina');
    const hank = await api.user('hank');
    const oldRoom = await api.createRoom(gina, { preset: 'public_chat', room_version: '11' });
    await hank.call('POST', `${v3}/join/${encodeURIComponent(oldRoom)}`, {});
    await hank.call('PUT', `${rules}/room/${encodeURIComponent(oldRoom)}`, { actions: [] });
    const upgraded = await gina.call('POST', `${room(oldRoom)}/upgrade`, { new_version: '12' });
    const newRoom = upgraded.body.replacement_room as string;
    await hank.call('POST', `${v3}/join/${encodeURIComponent(newRoom)}`, {});
    const deadline = Date.now() + 10_000;
    while (!(await ids(hank, 'room')).includes(newRoom)) {
      if (Date.now() > deadline) throw new Error('room rule not copied');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await ids(hank, 'room')).toEqual([newRoom, oldRoom]);
  });

  it('needs an access token', async () => {
    expectError(await api.call('GET', `${v3}/pushrules/`), 401, 'M_MISSING_TOKEN');
    expectError(await api.call('GET', `${v3}/pushrules/`, undefined, 'not-a-token'), 401, 'M_UNKNOWN_TOKEN');
  });
});
