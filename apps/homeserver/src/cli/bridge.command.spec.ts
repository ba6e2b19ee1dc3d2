import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConfigError, registrationFromValue } from '@switchboard/config';
import { buildCli } from './cli';

describe('switchboard bridge', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-bridge-cli-'));
    jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...args: string[]) =>
    buildCli()
      .exitOverride()
      .parseAsync(['node', 'switchboard', 'bridge', ...args]);
  const config = (appservice: object) => {
    const file = join(dir, 'discord.yaml');
    writeFileSync(file, JSON.stringify({ appservice, network: { token: 't' } }));
    return file;
  };

  it('writes the registration a homeserver admin needs when the file is missing', async () => {
    const file = config({
      listen_port: 29334,
      server_name: 'example.org',
      homeserver_url: 'http://127.0.0.1:8008',
    });
    const out = join(dir, 'registration.yaml');
    await run('discord', '--config', file, '--registration', out);
    const registration = parse(readFileSync(out, 'utf8'));
    expect(registration).toMatchObject({
      id: 'discord',
      url: 'http://127.0.0.1:29334',
      sender_localpart: 'discordbot',
      namespaces: { users: [{ exclusive: true }] },
    });
    expect(registration.as_token).toMatch(/^[0-9a-f]{64}$/);
    expect(() => registrationFromValue(registration, out)).not.toThrow();
  });

  it('refuses a config without the standalone keys, naming them', async () => {
    const file = config({ listen_port: 29334 });
    await expect(run('discord', '--config', file, '--registration', join(dir, 'r.yaml'))).rejects.toThrow(
      ConfigError,
    );
    await expect(run('discord', '--config', file, '--registration', join(dir, 'r.yaml'))).rejects.toThrow(
      /appservice\.server_name.*\n.*appservice\.homeserver_url/,
    );
  });

  it('refuses an unknown bridge', async () => {
    await expect(run('irc', '--config', 'x', '--registration', 'y')).rejects.toThrow(
      /expected discord, got irc/,
    );
  });
});
