import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { loadConfig, parseConfig } from './load-config';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(yaml: string, name = 'homeserver.yaml'): string {
  const path = join(dir, name);
  writeFileSync(path, yaml);
  return path;
}

/** The problem lines of the ConfigError that `load` throws; fails if it returns or throws else. */
function problemLines(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof ConfigError) return err.format().split('\n');
    throw err;
  }
  throw new Error('expected a ConfigError');
}

const parse = (yaml: string, env: Record<string, string> = {}) =>
  parseConfig(yaml, { file: 'homeserver.yaml', baseDir: '/srv/switchboard', env });

describe('loadConfig', () => {
  it('fills in every default from a file with only server_name', () => {
    const config = loadConfig({ path: writeConfig('server_name: localhost:8008\n'), env: {} });
    expect(config).toEqual({
      server_name: 'localhost:8008',
      public_baseurl: 'http://localhost:8008/',
      data_dir: join(dir, 'data'),
      default_room_version: '12',
      log_level: 'info',
      listeners: [
        {
          port: 8008,
          bind_addresses: ['127.0.0.1'],
          tls: null,
          resources: ['client', 'federation', 'admin', 'metrics'],
        },
      ],
      database: { url: null },
      redis: { url: null },
      registration: { enabled: true, require_token: false, allow_guest_access: false, shared_secret: null },
      recaptcha: {
        public_key: null,
        private_key: null,
        siteverify_api: 'https://www.recaptcha.net/recaptcha/api/siteverify',
        required_for_registration: false,
      },
      email: { smtp_host: null, smtp_port: 25, notif_from: 'switchboard@localhost' },
      cas: { server_url: null },
      identity_servers: { verify_certificates: true },
      federation: {
        enabled: true,
        verify_certificates: true,
        trusted_ca_files: [],
        ip_range_allowlist: [],
        trusted_key_servers: [],
      },
      app_service_config_files: [],
      bridges_dir: join(dir, 'bridges'),
      admins: [],
      rate_limiting: { enabled: true, per_second: 0.2, burst_count: 10 },
      limits: { max_request_body_bytes: 13107200, max_upload_bytes: 52428800 },
      media: {
        unused_expiry_ms: 86400000,
        max_pending_uploads: 10,
        max_thumbnail_pixels: 32000000,
        max_remote_bytes: 104857600,
        url_previews: true,
        url_preview_ip_range_allowlist: [],
      },
      user_directory: { search_all_users: false },
      turn: {
        uris: [],
        shared_secret: null,
        username: null,
        password: null,
        user_lifetime_ms: 86400000,
        allow_guests: true,
      },
      login_via_existing_session: { enabled: false, require_ui_auth: true, token_timeout_ms: 300000 },
      support: { contacts: [], support_page: null },
      server_notices: {
        system_mxid_localpart: null,
        system_mxid_display_name: null,
        room_name: 'Server Notices',
      },
    });
  });

  it('accepts the contract example of the issue as written', () => {
    const config = parse(`
server_name: localhost:8008
public_baseurl: http://localhost:8008/
data_dir: ./data
default_room_version: "12"
listeners:
  - port: 8008
    bind_addresses: ["127.0.0.1"]
    tls: null
    resources: [client, federation, admin, metrics]
database: {url: null}
redis: {url: null}
registration: {enabled: true, require_token: false, shared_secret: null}
federation: {enabled: true, verify_certificates: true, trusted_ca_files: [], ip_range_allowlist: []}
app_service_config_files: []
admins: []
rate_limiting: {enabled: true}
`);
    expect(config.data_dir).toBe('/srv/switchboard/data');
    expect(config.listeners).toHaveLength(1);
  });

  it('takes a mapping or list left empty as its default', () => {
    const config = parse('server_name: example.org\nfederation:\nadmins:\nlisteners:\n');
    expect(config.federation.enabled).toBe(true);
    expect(config.admins).toEqual([]);
    expect(config.listeners[0].port).toBe(8008);
    expect(config.public_baseurl).toBe('https://example.org/');
  });

  it('reads the path from SWITCHBOARD_CONFIG when none is given', () => {
    const path = writeConfig('server_name: from-env.example\n', 'other.yaml');
    expect(loadConfig({ env: { SWITCHBOARD_CONFIG: path } }).server_name).toBe('from-env.example');
  });

  it('prefers the path argument to SWITCHBOARD_CONFIG', () => {
    const path = writeConfig('server_name: argument.example\n');
    const config = loadConfig({ path, env: { SWITCHBOARD_CONFIG: join(dir, 'absent.yaml') } });
    expect(config.server_name).toBe('argument.example');
  });

  it('reports a missing config file as a problem', () => {
    const path = join(dir, 'absent.yaml');
    expect(problemLines(() => loadConfig({ path, env: {} }))).toEqual([
      `${path}: (root): expected a readable YAML config file, got no such file`,
    ]);
  });

  it('resolves data_dir and file paths against the config file directory', () => {
    mkdirSync(join(dir, 'tls'));
    writeFileSync(join(dir, 'tls', 'cert.pem'), 'cert');
    writeFileSync(join(dir, 'tls', 'key.pem'), 'key');
    const config = loadConfig({
      path: writeConfig(`
server_name: example.org
data_dir: state
listeners:
  - port: 8448
    tls: {certificate: tls/cert.pem, key: tls/key.pem}
`),
      env: {},
    });
    expect(config.data_dir).toBe(join(dir, 'state'));
    expect(config.listeners[0].tls).toEqual({
      certificate: join(dir, 'tls', 'cert.pem'),
      key: join(dir, 'tls', 'key.pem'),
    });
  });
});

describe('acceptance: a bad config names the key path', () => {
  it('suggests the right key for a typo', () => {
    expect(problemLines(() => parse('server_name: localhost:8008\nregistraton: {enabled: false}\n'))).toEqual(
      [
        'homeserver.yaml: registraton: expected a known key (did you mean "registration"?), got unknown key "registraton" (line 2, col 1)',
      ],
    );
  });

  it('suggests the right key for a nested typo', () => {
    const yaml = 'server_name: localhost:8008\nlisteners:\n  - port: 8008\n    bind_address: ["::"]\n';
    expect(problemLines(() => parse(yaml))).toEqual([
      'homeserver.yaml: listeners[0].bind_address: expected a known key (did you mean "bind_addresses"?), got unknown key "bind_address" (line 4, col 5)',
    ]);
  });

  it('lists the known keys when no key is close', () => {
    const [line] = problemLines(() => parse('server_name: localhost:8008\ndatabase: {flavour: sqlite}\n'));
    expect(line).toBe(
      'homeserver.yaml: database.flavour: expected one of the known keys: url, got unknown key "flavour" (line 2, col 12)',
    );
  });

  it('rejects a string where a port belongs', () => {
    expect(problemLines(() => parse('server_name: localhost:8008\nlisteners:\n  - port: "8008"\n'))).toEqual([
      'homeserver.yaml: listeners[0].port: expected an integer port from 1 to 65535, got string "8008" (line 3, col 11)',
    ]);
  });

  it.each([
    ['-1', 'number -1'],
    ['0', 'number 0'],
    ['65536', 'number 65536'],
    ['80.5', 'number 80.5'],
    ['null', 'null'],
  ])('rejects port %s', (port, got) => {
    expect(problemLines(() => parse(`server_name: localhost:8008\nlisteners:\n  - port: ${port}\n`))).toEqual(
      [
        `homeserver.yaml: listeners[0].port: expected an integer port from 1 to 65535, got ${got} (line 3, col 11)`,
      ],
    );
  });

  it('rejects a listener without a port', () => {
    expect(problemLines(() => parse('server_name: localhost:8008\nlisteners:\n  - tls: null\n'))).toEqual([
      'homeserver.yaml: listeners[0].port: expected an integer port from 1 to 65535, got nothing (the key is missing) (line 3, col 5)',
    ]);
  });

  it('reports a missing TLS file with its key path', () => {
    writeFileSync(join(dir, 'key.pem'), 'key');
    const path = writeConfig(
      'server_name: localhost:8008\nlisteners:\n  - port: 8448\n    tls: {certificate: cert.pem, key: key.pem}\n',
    );
    expect(problemLines(() => loadConfig({ path, env: {} }))).toEqual([
      `${path}: listeners[0].tls.certificate: expected a readable file, got string "cert.pem", which does not exist (${join(dir, 'cert.pem')}) (line 4, col 24)`,
    ]);
  });

  it('reports every missing file: TLS, CA bundles, app service registrations', () => {
    const path = writeConfig(`
server_name: localhost:8008
listeners:
  - port: 8448
    tls: {certificate: a.pem, key: b.pem}
federation: {trusted_ca_files: [ca.pem]}
app_service_config_files: [bridges/discord.yaml]
`);
    expect(problemLines(() => loadConfig({ path, env: {} })).map((l) => l.split(': ')[1])).toEqual([
      'listeners[0].tls.certificate',
      'listeners[0].tls.key',
      'federation.trusted_ca_files[0]',
      'app_service_config_files[0]',
    ]);
  });

  it('rejects a directory where a file belongs', () => {
    mkdirSync(join(dir, 'bridges'));
    const path = writeConfig('server_name: localhost:8008\napp_service_config_files: [bridges]\n');
    expect(problemLines(() => loadConfig({ path, env: {} }))[0]).toContain(
      `app_service_config_files[0]: expected a readable file, got string "bridges", which is not a file`,
    );
  });

  it.each([
    ['"foo bar"'],
    ['"example.org:0"'],
    ['"example.org:70000"'],
    ['"999.1.1.1"'],
    ['"::1"'],
    ['"[not-ipv6]"'],
    ['"example..org"'],
    ['""'],
    ['8008'],
  ])('rejects server_name %s', (name) => {
    const [line] = problemLines(() => parse(`server_name: ${name}\n`));
    expect(line).toMatch(
      /^homeserver\.yaml: server_name: expected a server name: hostname, IPv4 or \[IPv6\], optional :port \(1-65535\), got /,
    );
  });

  it.each([
    ['example.org'],
    ['localhost:8008'],
    ['127.0.0.1:8448'],
    ['[::1]:8448'],
    ['[2001:db8::1]'],
    ['matrix-1.example.org'],
  ])('accepts server_name %s', (name) => {
    expect(parse(`server_name: "${name}"\n`).server_name).toBe(name);
  });

  it('requires server_name', () => {
    expect(problemLines(() => parse('data_dir: ./data\n'))).toEqual([
      'homeserver.yaml: server_name: expected a server name: hostname, IPv4 or [IPv6], optional :port (1-65535), got nothing (the key is missing) (line 1, col 1)',
    ]);
  });

  it.each([
    ['public_baseurl: "localhost:8008"', 'public_baseurl: expected an http:// or https:// URL'],
    ['public_baseurl: "ftp://example.org/"', 'public_baseurl: expected an http:// or https:// URL'],
    ['database: {url: "mysql://db/x"}', 'database.url: expected null or a postgres:// or postgresql:// URL'],
    ['redis: {url: "localhost:6379"}', 'redis.url: expected null or a redis:// or rediss:// URL'],
  ])('rejects a bad URL: %s', (yaml, message) => {
    expect(problemLines(() => parse(`server_name: localhost:8008\n${yaml}\n`))[0]).toContain(`: ${message}`);
  });

  it('adds the trailing slash to public_baseurl', () => {
    expect(
      parse('server_name: example.org\npublic_baseurl: https://matrix.example.org\n').public_baseurl,
    ).toBe('https://matrix.example.org/');
  });

  it('reports a YAML syntax error with line and column', () => {
    const lines = problemLines(() => parse('server_name: localhost:8008\nlisteners: [\n  {port: 8008\n'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(
        /^homeserver\.yaml: \(root\): expected valid YAML, got a syntax error: .+ \(line \d+, col \d+\)$/,
      );
    }
  });

  it('reports a duplicate key as a YAML error', () => {
    const [line] = problemLines(() => parse('server_name: a.example\nserver_name: b.example\n'));
    expect(line).toMatch(
      /^homeserver\.yaml: \(root\): expected valid YAML, got a syntax error: .*unique.* \(line 2, col 1\)$/,
    );
  });

  it('reports alias expansion past the limit as a problem', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [prev, next] of ['ab', 'bc', 'cd', 'de'].map((p) => p.split(''))) {
      bomb.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const [line] = problemLines(() => parse(bomb.join('\n')));
    expect(line).toMatch(/^homeserver\.yaml: \(root\): expected valid YAML, got an error: /);
  });

  it('reports a document that is not a mapping', () => {
    expect(problemLines(() => parse('- server_name: localhost\n'))).toEqual([
      'homeserver.yaml: (root): expected a mapping of configuration keys, got a list of 1 (line 1, col 1)',
    ]);
  });

  it('reports many problems at once, one line each, in file order', () => {
    const lines = problemLines(() =>
      parse(`
server_name: localhost:8008
sever_name: typo
default_room_version: 12
log_level: verbose
listeners:
  - port: 8008
    bind_addresses: [localhost]
    resources: [client, web]
  - port: 8009
    tls: {certificate: c.pem}
registration: {enabled: "yes", shared_secret: ""}
federation: {ip_range_allowlist: ["10.0.0.0/33"]}
admins: ["alice"]
rate_limiting: {per_second: 0}
limits: {max_request_body_bytes: 1024, max_upload_bytes: -5}
`),
    );
    expect(lines.map((l) => l.split(': ')[1])).toEqual([
      'sever_name',
      'default_room_version',
      'log_level',
      'listeners[0].bind_addresses[0]',
      'listeners[0].resources[1]',
      'listeners[1].tls.key',
      'registration.enabled',
      'registration.shared_secret',
      'federation.ip_range_allowlist[0]',
      'admins[0]',
      'rate_limiting.per_second',
      'limits.max_request_body_bytes',
      'limits.max_upload_bytes',
    ]);
    expect(lines[1]).toBe(
      'homeserver.yaml: default_room_version: expected one of "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12" (quoted: a string), got number 12 (line 4, col 23)',
    );
  });

  it('rejects two listeners on one address and port', () => {
    const yaml =
      'server_name: a.example\nlisteners:\n  - port: 80\n  - port: 80\n    bind_addresses: ["::", "127.0.0.1"]\n';
    expect(problemLines(() => parse(yaml))).toEqual([
      'homeserver.yaml: listeners[1].port: expected a port not already bound on 127.0.0.1 by listeners[0], got number 80 (line 4, col 11)',
    ]);
  });

  it('rejects repeated resources and addresses', () => {
    const lines = problemLines(() =>
      parse(
        'server_name: a.example\nlisteners:\n  - port: 80\n    bind_addresses: ["::", "::"]\n    resources: [client, client]\n',
      ),
    );
    expect(lines.map((l) => l.split(': ')[1])).toEqual([
      'listeners[0].bind_addresses[1]',
      'listeners[0].resources[1]',
    ]);
  });

  it('requires admins to be local users', () => {
    expect(
      problemLines(() =>
        parse('server_name: example.org\nadmins: ["@alice:example.org", "@bob:other.org"]\n'),
      ),
    ).toEqual([
      'homeserver.yaml: admins[1]: expected a local user ID "@localpart:example.org", got string "@bob:other.org" (line 2, col 32)',
    ]);
  });

  it('never shows a secret or a password', () => {
    const lines = problemLines(() =>
      parse(
        'server_name: a.example\nregistration: {shared_secret: 42}\ndatabase: {url: "mysql://u:hunter2@db/x"}\n',
      ),
    );
    expect(lines.join('\n')).not.toMatch(/hunter2|42/);
  });
});

describe('environment overrides', () => {
  it('DATABASE_URL and REDIS_URL replace the file values', () => {
    const config = parse('server_name: a.example\ndatabase: {url: "postgres://file/db"}\n', {
      DATABASE_URL: 'postgresql://env/db',
      REDIS_URL: 'rediss://env:6380',
    });
    expect(config.database.url).toBe('postgresql://env/db');
    expect(config.redis.url).toBe('rediss://env:6380');
  });

  it('an empty variable is unset', () => {
    expect(parse('server_name: a.example\n', { DATABASE_URL: '' }).database.url).toBeNull();
  });

  it('a bad value is reported as coming from the variable, password masked', () => {
    expect(
      problemLines(() =>
        parse('server_name: a.example\nredis: {url: "redis://ok"}\n', { REDIS_URL: 'http://u:pw@redis' }),
      ),
    ).toEqual([
      '$REDIS_URL: redis.url: expected null or a redis:// or rediss:// URL, got string "http://u:***@redis"',
    ]);
  });
});
