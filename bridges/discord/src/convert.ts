import { Attachment, ChannelType, Message, MessageType } from 'discord.js';
import {
  escapeHtml,
  type BridgeAttachment,
  type BridgeKit,
  type RemoteMessageContent,
} from '@switchboard/bridge-kit';
import {
  discordToMatrix,
  embedsToMatrix,
  stickerToAttachment,
  type DiscordEmbed,
  type DiscordToMatrixContext,
} from './msgconv';
import { userName } from './user-info';

const MENTION_IDS = /<@!?(\d+)>|<#(\d+)>|<@&(\d+)>/g;

function attachmentKind(mimetype: string | null): BridgeAttachment['kind'] {
  if (mimetype?.startsWith('image/')) return 'image';
  if (mimetype?.startsWith('video/')) return 'video';
  if (mimetype?.startsWith('audio/')) return 'audio';
  return 'file';
}

export function toBridgeAttachment(a: Attachment): BridgeAttachment {
  return {
    kind: attachmentKind(a.contentType),
    filename: a.name,
    mimetype: a.contentType ?? undefined,
    size: a.size,
    width: a.width ?? undefined,
    height: a.height ?? undefined,
    url: a.url,
  };
}

/**
 * The converter is pure and synchronous, so the Matrix IDs and names of everything the text
 * mentions are looked up first (kit.userMxid may be a double-puppeted user, portal rooms come
 * from the kit's store).
 */
async function conversionContext(kit: BridgeKit, message: Message): Promise<DiscordToMatrixContext> {
  const users = new Map<string, { mxid: string; name: string }>();
  const rooms = new Map<string, string | null>();
  const channelNames = new Map<string, string>();
  const roleNames = new Map<string, string>();
  for (const match of message.content.matchAll(MENTION_IDS)) {
    const [, user, channel, role] = match;
    if (user && !users.has(user)) {
      const known = message.mentions.users.get(user) ?? message.client.users.cache.get(user);
      const member = message.guild?.members.cache.get(user);
      const name = member?.displayName ?? (known ? userName(known) : user);
      users.set(user, { mxid: await kit.userMxid(user), name });
    }
    if (channel && !rooms.has(channel)) {
      rooms.set(channel, await kit.portalRoom(channel));
      const found = message.client.channels.cache.get(channel);
      if (found && 'name' in found && found.name) channelNames.set(channel, found.name);
    }
    if (role) {
      const found = message.guild?.roles.cache.get(role);
      if (found) roleNames.set(role, found.name);
    }
  }
  return {
    userMxid: (id: string) => users.get(id)?.mxid ?? kit.ghostMxid(id),
    userName: (id: string) => users.get(id)?.name ?? id,
    roleName: (id: string) => roleNames.get(id),
    channelRoom: (id: string) => rooms.get(id) ?? null,
    channelName: (id: string) => channelNames.get(id),
  };
}

/** A Discord message in the common model: markdown -> Matrix HTML, attachments, embeds, stickers. */
export async function toRemoteContent(kit: BridgeKit, message: Message): Promise<RemoteMessageContent> {
  const ctx = await conversionContext(kit, message);
  const converted = discordToMatrix(message.content, ctx);
  let text = converted.text;
  let html = converted.html;
  const attachments = [...message.attachments.values()].map(toBridgeAttachment);
  if (message.embeds.length > 0) {
    const e = embedsToMatrix(
      message.embeds.map((embed) => embed.toJSON() as DiscordEmbed),
      ctx,
    );
    if (e.text) {
      if (html !== undefined || e.html !== undefined) {
        html = `${html ?? textToHtml(text)}${text ? '<br><br>' : ''}${e.html ?? textToHtml(e.text)}`;
      }
      text = text ? `${text}\n\n${e.text}` : e.text;
    }
    attachments.push(...e.attachments);
  }
  for (const sticker of message.stickers.values()) {
    attachments.push(
      stickerToAttachment(
        { id: sticker.id, name: sticker.name, format_type: sticker.format },
        message.client.options.rest?.cdn ?? 'https://cdn.discordapp.com',
      ),
    );
  }
  const content: RemoteMessageContent = { text, attachments };
  if (html !== undefined) content.html = html;
  if (converted.mentionedUsers.length > 0) content.mentionedUsers = converted.mentionedUsers;
  if (converted.mentionsRoom) content.mentionsRoom = true;
  if (message.type === MessageType.Reply && message.reference?.messageId)
    content.replyTo = message.reference.messageId;
  if (message.channel.isThread() && message.channel.type !== ChannelType.PrivateThread) {
    content.threadRoot = message.channelId;
  }
  return content;
}

function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\n/g, '<br>');
}
