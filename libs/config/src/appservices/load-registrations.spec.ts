import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config-error';
import { loadAppserviceRegistrations, registrationFromValue } from './load-registrations';

const SERVER = 'example.org';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-registrations-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, yaml: string): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

const load = (...files: string[]) => loadAppserviceRegistrations(files, SERVER);

/** The problem lines of the ConfigError; fails if the files load. */
function problems(...files: string[]): string[] {
  try {
    load(...files);
  } catch (err) {
    if (err instanceof ConfigError) return err.format().split('\n');
    throw err;
  }
  throw new Error('expected a ConfigError');
}

/** A registration with what every generator writes; `extra` lines are appended at top level. */
function registration(id: string, extra: string[] = [], users = `"@_${id}_.*:example\\\\.org"`): string {
  return [
    `id: ${id}`,
    `url: http://localhost:9000/${id}`,
    `as_token: as-${id}`,
    `hs_token: hs-${id}`,
    `sender_localpart: ${id}bot`,
    'namespaces:',
    '  users:',
    '    - exclusive: true',
    `      regex: ${users}`,
    ...extra,
    '',
  ].join('\n');
}

describe('loadAppserviceRegistrations: registrations as bridges write them', () => {
  it('loads a mautrix-go (bridgev2) registration: random mixed-case sender, ^...$ regexes, MSC flags', () => {
    const [r] = load(
      write(
        'whatsapp.yaml',
        [
          'id: whatsapp',
          'url: http://localhost:29318',
          'as_token: 4Ci0cOQ5mWXlqzKX5yqwu9SZtkGTKPHhFE1R2uzyAkw8vAbRdW7lkYyo8xoPKPwO',
          'hs_token: qoDh8oJOP4vPWQtR3zq8LQ1ABZmYtJ2v6f9Uz9ku6yJkEBFYHWM54jCkP1dyDsLf',
          'sender_localpart: HGvjCp4J6X5nV2sT9eQbR1aZ8mK3oWd7',
          'rate_limited: false',
          'namespaces:',
          '    users:',
          '        - regex: ^@whatsappbot:example\\.org$',
          '          exclusive: true',
          '        - regex: ^@whatsapp_.*:example\\.org$',
          '          exclusive: true',
          'de.sorunome.msc2409.push_ephemeral: true',
          'push_ephemeral: true',
          'org.matrix.msc3202: true',
          'io.element.msc4190: true',
          '',
        ].join('\n'),
      ),
    );
    expect(r).toMatchObject({
      id: 'whatsapp',
      sender_localpart: 'HGvjCp4J6X5nV2sT9eQbR1aZ8mK3oWd7',
      rate_limited: false,
      receive_ephemeral: true,
      msc3202: true,
      msc4190: true,
      namespaces: {
        users: [
          { regex: '^@whatsappbot:example\\.org$', exclusive: true },
          { regex: '^@whatsapp_.*:example\\.org$', exclusive: true },
        ],
        aliases: [],
        rooms: [],
      },
    });
  });

  it('loads a mautrix-python registration with an escaped # in an alias regex', () => {
    const [r] = load(
      write(
        'telegram.yaml',
        [
          'id: telegram',
          'url: http://matrix-telegram-bridge:29317',
          'as_token: a',
          'hs_token: h',
          'sender_localpart: telegrambot',
          'namespaces:',
          '    users:',
          '    - exclusive: true',
          "      regex: '@telegram_.*:example\\.org'",
          '    aliases:',
          '    - exclusive: true',
          '      regex: \\#telegram_.*:example\\.org',
          'rate_limited: false',
          'de.sorunome.msc2409.push_ephemeral: true',
          '',
        ].join('\n'),
      ),
    );
    expect(r.namespaces.aliases).toEqual([{ regex: '\\#telegram_.*:example\\.org', exclusive: true }]);
    expect(r.receive_ephemeral).toBe(true);
  });

  it('loads a matrix-appservice-bridge registration: url null, group_id, protocols, empty lists', () => {
    const [r] = load(
      write(
        'irc.yaml',
        [
          'id: 3d9a1e3f6e1b',
          'hs_token: 1e2d',
          'as_token: 9f8e',
          'namespaces:',
          '  users:',
          '    - exclusive: true',
          '      regex: "@irc_.*"',
          '      group_id: "+irc:example.org"',
          '  aliases:',
          '    - exclusive: true',
          '      regex: "#irc_.*"',
          '  rooms: []',
          'url: null',
          'sender_localpart: appservice-irc',
          'rate_limited: false',
          'protocols:',
          '  - irc',
          'receive_ephemeral: true',
          '',
        ].join('\n'),
      ),
    );
    expect(r).toMatchObject({ url: null, protocols: ['irc'], receive_ephemeral: true, rate_limited: false });
    expect(r.namespaces.users).toEqual([{ regex: '@irc_.*', exclusive: true }]);
  });

  it('loads what matrix-appservice (under matrix-appservice-bridge) writes, also with no namespaces', () => {
    const [bridge, bot] = load(
      write(
        'bridge.yaml',
        [
          'id: 55db42643d6516c4b76e18e4613c19c0193b66415ae8cabd0a6b7d81a5275634',
          'hs_token: b56bdf67589613b65c568549b793540d9e91cc70b28c69e682e4e47af0894d63',
          'as_token: 9e517f1c67597a2c6c08b5309f7522da518ccc78139edaa24ad2e29cc0e2344a',
          'url: http://localhost:8090',
          'sender_localpart: _bridge_bot',
          'de.sorunome.msc2409.push_ephemeral: true',
          'protocols:',
          '  - bridge',
          'namespaces:',
          '  users:',
          '    - exclusive: true',
          "      regex: '@_bridge_.*'",
          '  aliases:',
          '    - exclusive: true',
          "      regex: '#_bridge_.*'",
          'rate_limited: false',
          '',
        ].join('\n'),
      ),
      write(
        'bot.yaml',
        ['id: nourl', 'hs_token: a', 'as_token: b', 'url: null', 'sender_localpart: nourl', ''].join('\n'),
      ),
    );
    expect(bridge).toMatchObject({ receive_ephemeral: true, protocols: ['bridge'], rate_limited: false });
    expect(bot).toMatchObject({ url: null, namespaces: { users: [], aliases: [], rooms: [] } });
  });

  it('loads a heisenbridge registration with its own top-level mapping, and JSON', () => {
    const [heisen, json] = load(
      write(
        'heisenbridge.yaml',
        [
          'id: heisenbridge',
          'url: http://127.0.0.1:9898',
          'as_token: Yx',
          'hs_token: Zq',
          'rate_limited: false',
          'sender_localpart: heisenbridge',
          'namespaces:',
          '  users:',
          '  - regex: "@irc_.*"',
          '    exclusive: true',
          '  aliases: []',
          '  rooms: []',
          'heisenbridge:',
          '  media_key: abc',
          '',
        ].join('\n'),
      ),
      write(
        'bot.json',
        JSON.stringify({
          id: 'bot',
          url: 'https://bot.example.org:8443/as',
          as_token: 'b1',
          hs_token: 'b2',
          sender_localpart: '_bot',
          namespaces: {
            users: [],
            rooms: [{ regex: '!abc:example\\.org', exclusive: false }],
            aliases: null,
          },
          protocols: null,
          rate_limited: null,
        }),
      ),
    );
    expect(heisen.id).toBe('heisenbridge');
    expect(json).toMatchObject({ url: 'https://bot.example.org:8443/as', rate_limited: true, protocols: [] });
  });

  it('takes url "" (mautrix-go with no address) as null and a sender like a user convention', () => {
    const [r] = load(write('ws.yaml', registration('ws', []).replace(/^url: .*$/m, 'url: ""')));
    expect(r.url).toBeNull();
    const [admin] = load(write('admin.yaml', registration('admin').replace('adminbot', 'admin')));
    expect(admin.sender_localpart).toBe('admin');
  });

  it('loads no file to no registration', () => {
    expect(load()).toEqual([]);
  });
});

describe('loadAppserviceRegistrations: one file wrong', () => {
  it('names each missing required key with its file and key path', () => {
    const file = write('empty-ish.yaml', 'rate_limited: false\n');
    expect(problems(file)).toEqual([
      `${file}: id: expected a unique ID, a string, got nothing (the key is missing) (line 1, col 1)`,
      `${file}: url: expected the http(s) URL of the application service, or null to send it nothing, got nothing (the key is missing) (line 1, col 1)`,
      `${file}: as_token: expected the as_token, a string, got nothing (the key is missing) (line 1, col 1)`,
      `${file}: hs_token: expected the hs_token, a string, got nothing (the key is missing) (line 1, col 1)`,
      `${file}: sender_localpart: expected the localpart of its sender user, a string, got nothing (the key is missing) (line 1, col 1)`,
    ]);
  });

  it('reports a regex JavaScript cannot compile at its line', () => {
    const file = write('bad.yaml', registration('bad', [], '"@bad_(unclosed"'));
    expect(problems(file)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${file}: namespaces\\.users\\[0\\]\\.regex: expected a regular expression JavaScript can compile \\(.*\\), got string "@bad_\\(unclosed" \\(line 9, col 14\\)$`,
        ),
      ),
    ]);
  });

  it('reports wrong types, a bad URL, a bad localpart and a bad exclusive flag at their lines', () => {
    const file = write(
      'types.yaml',
      [
        'id: 12',
        'url: localhost:9000',
        'as_token: ""',
        'hs_token: h',
        'sender_localpart: "bot:example.org"',
        'rate_limited: "no"',
        'protocols: irc',
        'namespaces:',
        '  users:',
        '    - regex: "@x_.*"',
        '      exclusive: yes please',
        '  rooms: "!room"',
        '',
      ].join('\n'),
    );
    expect(problems(file)).toEqual([
      `${file}: id: expected a unique ID, a string, got number 12 (line 1, col 5)`,
      `${file}: url: expected an http(s) URL, or null to send it nothing, got string "localhost:9000" (line 2, col 6)`,
      `${file}: as_token: expected a non-empty as_token, got string "" (line 3, col 11)`,
      `${file}: sender_localpart: expected a user localpart: letters, digits and ._=-/+~, got string "bot:example.org" (line 5, col 19)`,
      `${file}: rate_limited: expected true or false, got string "no" (line 6, col 15)`,
      `${file}: protocols: expected a list of protocol names, got string "irc" (line 7, col 12)`,
      `${file}: namespaces.users[0].exclusive: expected true or false, got string "yes please" (line 11, col 18)`,
      `${file}: namespaces.rooms: expected a list of {exclusive, regex}, got string "!room" (line 12, col 10)`,
    ]);
  });

  it('reports a missing file, a directory and broken YAML', () => {
    const missing = join(dir, 'nowhere.yaml');
    mkdirSync(join(dir, 'folder'));
    const broken = write('broken.yaml', 'id: [unclosed\n');
    const lines = problems(missing, join(dir, 'folder'), broken);
    expect(lines[0]).toBe(`${missing}: (root): expected a readable registration file, got no such file`);
    expect(lines[1]).toBe(
      `${join(dir, 'folder')}: (root): expected a readable registration file, got a directory`,
    );
    expect(lines[2]).toMatch(
      new RegExp(
        `^${broken}: \\(root\\): expected valid YAML, got a syntax error: .* \\(line \\d+, col \\d+\\)$`,
      ),
    );
  });

  it('refuses an hs_token equal to the as_token, without showing it', () => {
    const file = write('same.yaml', registration('same').replace('hs-same', 'as-same'));
    expect(problems(file)).toEqual([
      `${file}: hs_token: expected an hs_token different from the as_token (each side must know the other by it), got the same string as as_token (not shown: a secret) (line 4, col 11)`,
    ]);
  });
});

describe('loadAppserviceRegistrations: the set of files', () => {
  it('refuses an ID, a sender or a token used twice, naming both files', () => {
    const a = write('a.yaml', registration('a'));
    const b = write(
      'b.yaml',
      registration('b', [], '"@_bee_.*"')
        .replace('id: b', 'id: a')
        .replace('as-b', 'hs-a')
        .replace('hs-b', 'as-a')
        .replace('bbot', 'abot'),
    );
    expect(problems(a, b)).toEqual([
      `${b}: id: expected an ID no other registration uses, got string "a", the ID of ${a} (id, line 1) (line 1, col 5)`,
      `${b}: sender_localpart: expected a sender_localpart no other registration uses, got string "abot", the sender of ${a} (sender_localpart, line 5) (line 5, col 19)`,
      `${b}: as_token: expected a token no other registration uses, got the hs_token of ${a} (hs_token, line 4) (not shown: a secret) (line 3, col 11)`,
      `${b}: hs_token: expected a token no other registration uses, got the as_token of ${a} (as_token, line 3) (not shown: a secret) (line 4, col 11)`,
    ]);
  });

  it('refuses the same exclusive regex in two registrations, but not a shared non-exclusive one', () => {
    const a = write('a.yaml', registration('a', [], '"@_chat_.*"'));
    const b = write('b.yaml', registration('b', [], '"@_chat_.*"'));
    expect(problems(a, b)).toEqual([
      `${b}: namespaces.users[0].regex: expected an exclusive namespace no other application service claims exclusively, got string "@_chat_.*", the same regex as ${a} (namespaces.users[0].regex, line 9) (line 9, col 14)`,
    ]);
    const c = write(
      'c.yaml',
      registration('c', [], '"@_chat_.*"').replace('exclusive: true', 'exclusive: false'),
    );
    expect(load(a, c).map((r) => r.id)).toEqual(['a', 'c']);
  });

  it('refuses exclusive regexes that claim a common ID, written differently', () => {
    const a = write('a.yaml', registration('a', [], '"@_discord_.*:example\\\\.org"'));
    const b = write('b.yaml', registration('b', [], '"^@_discord_[0-9]+:example\\\\.org$"'));
    expect(problems(a, b)).toEqual([
      `${b}: namespaces.users[0].regex: expected an exclusive namespace no other application service claims exclusively, got string "^@_discord_[0-9]+:example\\\\.org$", which claims "@_discord_0:example.org" as does ${a} (namespaces.users[0].regex, line 9) (line 9, col 14)`,
    ]);
  });

  it('refuses overlapping exclusive alias namespaces too, and keeps apart those that do not overlap', () => {
    const alias = (id: string, regex: string) =>
      write(
        `${id}.yaml`,
        registration(id, ['  aliases:', '    - exclusive: true', `      regex: "${regex}"`]),
      );
    const a = alias('a', '#_slack_.*');
    const b = alias('b', '#_slack_general');
    const c = alias('c', '#_slackers_.*');
    expect(problems(a, b)).toEqual([
      expect.stringContaining(`${b}: namespaces.aliases[0].regex: expected an exclusive namespace`),
    ]);
    expect(load(b, c).map((r) => r.id)).toEqual(['b', 'c']);
  });

  it("refuses a sender user that another application service's exclusive namespace claims", () => {
    const a = write('a.yaml', registration('a', [], '"@_bridge_.*"'));
    const b = write(
      'b.yaml',
      registration('b').replace('sender_localpart: bbot', 'sender_localpart: _bridge_bot'),
    );
    expect(problems(a, b)).toEqual([
      `${b}: sender_localpart: expected a sender user outside the exclusive namespaces of other application services, got string "_bridge_bot": @_bridge_bot:example.org is claimed by ${a} (namespaces.users[0].regex, line 9) (line 5, col 19)`,
    ]);
  });

  it("lets a sender sit in its own namespace and in another's non-exclusive one", () => {
    const a = write('a.yaml', registration('a', [], '"@.*"').replace('exclusive: true', 'exclusive: false'));
    const b = write('b.yaml', registration('b', [], '"@bbot:example\\\\.org"'));
    expect(load(a, b).map((r) => r.id)).toEqual(['a', 'b']);
  });
});

describe('config/appservices/example-registration.yaml', () => {
  it('is a registration this server loads', () => {
    const [r] = load(join(__dirname, '../../../../config/appservices/example-registration.yaml'));
    expect(r).toMatchObject({
      id: 'example',
      url: 'http://localhost:9000',
      sender_localpart: 'example-bot',
      rate_limited: false,
      receive_ephemeral: true,
    });
  });
});

describe('registrationFromValue', () => {
  const value = {
    id: 'discord',
    url: 'http://127.0.0.1:29334',
    as_token: 'a'.repeat(64),
    hs_token: 'h'.repeat(64),
    sender_localpart: 'discordbot',
    namespaces: { users: [{ regex: '@discord_.*:example.org', exclusive: true }] },
  };

  it('normalises a registration given as a value, as a file would be', () => {
    const reg = registrationFromValue(value, 'discord.yaml (built-in)');
    expect(reg).toMatchObject({
      id: 'discord',
      file: 'discord.yaml (built-in)',
      url: 'http://127.0.0.1:29334',
    });
    expect(reg.namespaces.aliases).toEqual([]);
  });

  it('throws ConfigError naming the label and key path', () => {
    expect(() => registrationFromValue({ ...value, id: 5 }, 'built-in')).toThrow(/built-in: id: expected/);
  });
});
