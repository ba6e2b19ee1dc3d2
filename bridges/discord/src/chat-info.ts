import { ChannelType, Client, Guild, GuildBasedChannel, type Channel } from 'discord.js';
import type { ChatInfo } from '@switchboard/bridge-kit';
import type { DiscordNetworkConfig } from './config.schema';

/** Guild channel kinds that carry messages and get portal rooms. */
const TEXT_KINDS = new Set<ChannelType>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const THREAD_KINDS = new Set<ChannelType>([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

export function guildInfo(guild: Guild): ChatInfo {
  return {
    id: guild.id,
    kind: 'space',
    name: guild.name,
    avatarUrl: guild.iconURL({ extension: 'png', size: 256 }) ?? undefined,
  };
}

/** `dmInvite`: the Matrix users who get DM portals (config `dm_invite`). */
export function channelInfo(channel: Channel, room?: string, dmInvite: string[] = []): ChatInfo | null {
  if (channel.type === ChannelType.DM) {
    return {
      id: channel.id,
      kind: 'dm',
      dmUser: channel.recipientId,
      name: channel.recipient?.username,
      room,
      invite: dmInvite,
    };
  }
  if (THREAD_KINDS.has(channel.type) && 'parentId' in channel && channel.parentId) {
    // A thread started from a message has that message's ID; others have no root to hang off.
    const info: ChatInfo = {
      id: channel.id,
      kind: 'thread',
      parent: channel.parentId,
      name: channel.name,
      room,
    };
    if (channel.type !== ChannelType.PrivateThread) info.threadRoot = channel.id;
    return info;
  }
  if (TEXT_KINDS.has(channel.type) && 'guildId' in channel) {
    const topic = 'topic' in channel ? (channel.topic ?? undefined) : undefined;
    return { id: channel.id, kind: 'channel', name: channel.name, topic, parent: channel.guildId, room };
  }
  return null;
}

export function isBridgeableChannel(channel: GuildBasedChannel): boolean {
  return TEXT_KINDS.has(channel.type);
}

/** A chat ID is a guild (space) or a channel; guilds come from the gateway's cache. */
export async function fetchChatInfo(
  client: Client | null,
  cfg: DiscordNetworkConfig,
  chat: string,
): Promise<ChatInfo | null> {
  if (!client) return null;
  const guild = client.guilds.cache.get(chat);
  if (guild) return guildInfo(guild);
  try {
    const channel = await client.channels.fetch(chat);
    return channel
      ? channelInfo(channel, cfg.channels.find((c) => c.id === chat)?.room, cfg.dm_invite)
      : null;
  } catch {
    return null;
  }
}

/**
 * The chats the YAML bridges without a command: each configured guild (a space) with its text
 * channels ('all' or the listed ones), and each listed channel. Before the gateway is ready only
 * what the YAML itself says is known.
 */
export function configuredChats(client: Client | null, cfg: DiscordNetworkConfig): ChatInfo[] {
  const chats = new Map<string, ChatInfo>();
  for (const g of cfg.guilds) {
    const guild = client?.guilds.cache.get(g.id);
    chats.set(g.id, guild ? guildInfo(guild) : { id: g.id, kind: 'space' });
    if (!guild) {
      if (g.channels !== 'all')
        for (const id of g.channels) chats.set(id, { id, kind: 'channel', parent: g.id });
      continue;
    }
    for (const channel of guild.channels.cache.values()) {
      if (!isBridgeableChannel(channel)) continue;
      if (g.channels !== 'all' && !g.channels.includes(channel.id)) continue;
      const info = channelInfo(channel);
      if (info) chats.set(channel.id, info);
    }
  }
  for (const c of cfg.channels) {
    const channel = client?.channels.cache.get(c.id);
    const info = (channel && channelInfo(channel, c.room)) ?? {
      id: c.id,
      kind: 'channel' as const,
      room: c.room,
    };
    chats.set(c.id, info);
  }
  return [...chats.values()];
}

/** Whether messages of this channel are bridged without a portal existing yet. */
export function isConfiguredChannel(cfg: DiscordNetworkConfig, channel: Channel): boolean {
  if (channel.type === ChannelType.DM) return true;
  const id = channel.isThread() ? channel.parentId : channel.id;
  if (!id) return false;
  if (cfg.channels.some((c) => c.id === id)) return true;
  if (!('guildId' in channel)) return false;
  const guild = cfg.guilds.find((g) => g.id === channel.guildId);
  return guild !== undefined && (guild.channels === 'all' || guild.channels.includes(id));
}
