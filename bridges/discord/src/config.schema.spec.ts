import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { bridgeConfigSchema } from '@switchboard/bridge-kit';
import { discordNetworkSchema } from './config.schema';

const schema = bridgeConfigSchema(discordNetworkSchema);
const ID = '123456789012345678';

describe('discord config schema', () => {
  it('accepts the documented example config/bridges/discord.yaml, disabled', () => {
    const text = readFileSync(join(__dirname, '../../../config/bridges/discord.yaml'), 'utf8');
    const cfg = schema.parse(parse(text));
    expect(cfg.enabled).toBe(false);
    expect(cfg.network).toMatchObject({ token_env: 'DISCORD_BOT_TOKEN', webhook_name: 'Switchboard' });
    expect(cfg.network.guilds[0]).toEqual({ id: ID, channels: 'all' });
  });

  it('fills the defaults', () => {
    expect(discordNetworkSchema.parse({ token: 't' })).toEqual({
      token: 't',
      api_base_url: 'https://discord.com/api',
      cdn_url: 'https://cdn.discordapp.com',
      guilds: [],
      channels: [],
      dm_invite: [],
      webhook_name: 'Switchboard',
    });
  });

  it.each([
    [{}, 'exactly one of token, token_file, token_env (found 0)'],
    [{ token: 't', token_env: 'X' }, 'exactly one of token, token_file, token_env (found 2)'],
  ])('wants exactly one token source: %j', (network, message) => {
    const result = discordNetworkSchema.safeParse(network);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(message);
  });

  it.each([
    [{ token: 't', guilds: [{ id: 123 }] }, ['guilds', 0, 'id']],
    [{ token: 't', channels: [{ id: ID, room: 'general' }] }, ['channels', 0, 'room']],
    [{ token: 't', api_base_url: 'nope' }, ['api_base_url']],
    [{ token: 't', dm_invite: ['bob'] }, ['dm_invite', 0]],
    [{ token: 't', guilds: [{ id: ID, channels: 'some' }] }, ['guilds', 0, 'channels']],
    [{ token: 't', colour: 'red' }, []],
  ])('reports the key path of a bad value: %j', (network, path) => {
    const result = discordNetworkSchema.safeParse(network);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(path);
  });
});
