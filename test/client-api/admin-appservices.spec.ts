import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestHomeserver, TestHomeserver } from '../../apps/homeserver/src/testing/test-homeserver';
import { client } from './accounts-client';

const ADMIN = '@boss:test.local';
const LIST = '/_switchboard/admin/v1/appservices';
const RELOAD = '/_switchboard/admin/v1/appservices/reload';

function registration(id: string, regex = `@_${id}_.*`): string {
  return [
    `id: ${id}`,
    `url: http://127.0.0.1:9/${id}`,
    `as_token: as-${id}`,
    `hs_token: hs-${id}`,
    `sender_localpart: ${id}bot`,
    'namespaces:',
    '  users:',
    '    - exclusive: true',
    `      regex: "${regex}"`,
    '  aliases: []',
    '',
  ].join('\n');
}

describe('Switchboard admin API: /_switchboard/admin/v1/appservices', () => {
  let hs: TestHomeserver;
  let api: ReturnType<typeof client>;
  let dir: string;
  let files: string[];
  let admin: string;
  let user: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-as-reload-'));
    files = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
    await writeFile(files[0], registration('a'));
    await writeFile(files[1], registration('b'));
    hs = await startTestHomeserver({ admins: [ADMIN], app_service_config_files: files });
    api = client(hs);
    admin = (await api.register('boss')).access_token;
    user = (await api.register('mallory')).access_token;
  });
  afterAll(async () => {
    await hs?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Whether the server takes this as_token: GET /whoami as the service's sender. */
  const asTokenWorks = async (token: string) =>
    (await api.call('GET', '/_matrix/client/v3/account/whoami', undefined, token)).status === 200;

  it('needs an access token (401) and a server admin (403)', async () => {
    for (const [method, path] of [
      ['GET', LIST],
      ['POST', RELOAD],
    ] as const) {
      expect(await api.call(method, path)).toEqual({
        status: 401,
        body: expect.objectContaining({ errcode: 'M_MISSING_TOKEN' }),
      });
      expect(await api.call(method, path, method === 'POST' ? {} : undefined, user)).toEqual({
        status: 403,
        body: expect.objectContaining({ errcode: 'M_FORBIDDEN' }),
      });
    }
  });

  it('lists the registrations with their sender and namespaces, never their tokens', async () => {
    const reply = await api.call('GET', LIST, undefined, admin);
    expect(reply).toEqual({
      status: 200,
      body: {
        appservices: ['a', 'b'].map((id) => ({
          id,
          url: `http://127.0.0.1:9/${id}`,
          sender: `@${id}bot:test.local`,
          namespaces: { users: [{ regex: `@_${id}_.*`, exclusive: true }], aliases: [], rooms: [] },
        })),
      },
    });
    expect(JSON.stringify(reply.body)).not.toMatch(/as-a|hs-a/);
  });

  it('reloads: a file naming a new service adds it and removes the one it named before', async () => {
    await writeFile(files[1], registration('c'));
    expect(await api.call('POST', RELOAD, {}, admin)).toEqual({
      status: 200,
      body: { appservices: ['a', 'c'] },
    });
    expect(await asTokenWorks('as-c')).toBe(true);
    expect(await asTokenWorks('as-b')).toBe(false);
  });

  it('answers 400 with every problem and keeps the running set when a file is wrong, then takes the fix', async () => {
    await writeFile(
      files[1],
      registration('d', '@_a_.*').replace('sender_localpart: dbot', 'sender_localpart: 7 7'),
    );
    const reply = await api.call('POST', RELOAD, undefined, admin);
    expect(reply).toEqual({
      status: 400,
      body: {
        errcode: 'M_INVALID_PARAM',
        error: expect.stringContaining('the previous registrations stay in use'),
        problems: [
          {
            file: files[1],
            key_path: 'sender_localpart',
            expected: 'a user localpart: letters, digits and ._=-/+~',
            got: 'string "7 7"',
            line: 5,
          },
        ],
      },
    });
    expect(await asTokenWorks('as-c')).toBe(true);
    expect(await asTokenWorks('as-d')).toBe(false);

    await writeFile(files[1], registration('d', '@_a_.*'));
    const overlap = await api.call('POST', RELOAD, undefined, admin);
    expect(overlap.status).toBe(400);
    expect(overlap.body.problems).toEqual([
      expect.objectContaining({ file: files[1], key_path: 'namespaces.users[0].regex', line: 9 }),
    ]);

    await writeFile(files[1], registration('d'));
    expect(await api.call('POST', RELOAD, undefined, admin)).toEqual({
      status: 200,
      body: { appservices: ['a', 'd'] },
    });
    expect(await asTokenWorks('as-d')).toBe(true);
    expect(await asTokenWorks('as-c')).toBe(false);
    const listed = await api.call('GET', LIST, undefined, admin);
    expect((listed.body.appservices as { id: string }[]).map((s) => s.id)).toEqual(['a', 'd']);
  });

  it('reports a listed file that is gone, with no line', async () => {
    await rm(files[1]);
    const reply = await api.call('POST', RELOAD, undefined, admin);
    expect(reply.body.problems).toEqual([
      {
        file: files[1],
        key_path: '',
        expected: 'a readable registration file',
        got: 'no such file',
        line: null,
      },
    ]);
    expect(await asTokenWorks('as-d')).toBe(true);
  });
});
