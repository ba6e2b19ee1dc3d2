import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FakeDiscord } from '../fakes/discord/fake-discord';

/** The guild, channel and Discord user the Discord end-to-end scenarios share. */
export const DISCORD = {
  guild: '100000000000000001',
  channel: '100000000000000002',
  bob: '100000000000000003',
  /** Bob's direct chat with the bot. */
  dm: '100000000000000004',
} as const;

export const discordGhost = (id: string) => `@discord_${id}:test.local`;

/** Puts the scenario's guild, channel and user into the fake. */
export function seedFakeDiscord(fake: FakeDiscord): void {
  fake.addGuild({ id: DISCORD.guild, name: 'Guild' });
  fake.addChannel({ id: DISCORD.channel, guildId: DISCORD.guild, name: 'general' });
  fake.addUser({ id: DISCORD.bob, username: 'bob' });
  fake.addMember(DISCORD.guild, DISCORD.bob);
  fake.addChannel({ id: DISCORD.dm, name: 'bob', type: 1, recipientId: DISCORD.bob });
}

/** Writes `<dir>/discord.yaml` for the built-in bridge, pointed at the fake; returns `dir`. */
export async function writeDiscordYaml(
  dir: string,
  fake: FakeDiscord,
  extra: { doublePuppet?: Record<string, string> } = {},
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const yaml = JSON.stringify({
    enabled: true,
    bridge: {
      ghost_displayname_template: '{name} (Discord)',
      permissions: { '*': 'user', '@alice:test.local': 'admin' },
      double_puppet: { enabled: extra.doublePuppet !== undefined, links: extra.doublePuppet ?? {} },
      queue: { max_attempts: 5 },
    },
    network: {
      token: fake.botToken,
      api_base_url: fake.restUrl,
      cdn_url: fake.cdnUrl,
      guilds: [{ id: DISCORD.guild, channels: 'all' }],
      dm_invite: ['@alice:test.local'],
    },
  });
  await writeFile(join(dir, 'discord.yaml'), yaml);
  return dir;
}

/** Resolves once GET /health shows the Discord bridge CONNECTED. */
export async function bridgeConnected(
  baseUrl: string,
  until: (what: string, probe: () => Promise<boolean>, ms?: number) => Promise<unknown>,
): Promise<void> {
  await until(
    'the Discord bridge to connect',
    async () => {
      const health = (await (await fetch(`${baseUrl}/health`)).json()) as { bridges?: { state: string }[] };
      return health.bridges?.[0]?.state === 'CONNECTED';
    },
    30000,
  );
}
