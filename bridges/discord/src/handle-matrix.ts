import { ChannelType, Client, Routes, type APIChannel, type APIMessage, type RawFile } from 'discord.js';
import type {
  BridgeKit,
  MatrixEdit,
  MatrixEventRef,
  MatrixMessage,
  MatrixMessageContent,
  MatrixReaction,
  MatrixReactionRemoval,
  MatrixRedaction,
  MatrixTyping,
  SentMessage,
  SentReaction,
} from '@switchboard/bridge-kit';
import { PermanentBridgeError } from '@switchboard/bridge-kit';
import { splitContent, webhookUsername } from './discord-text';
import { discordCall } from './errors';
import { messageLink, reactionRouteEmoji } from './ids';
import { escapeDiscordMarkdown, matrixToDiscord } from './msgconv';
import { WebhookCache } from './webhooks';

const REPLY_SNIPPET = 100;

/** Where a chat's messages go: a webhook of the channel (threads: of their parent) or the bot's DM. */
type Target =
  | { kind: 'dm'; channelId: string }
  | { kind: 'webhook'; channelId: string; guildId: string; threadId?: string };

/** Matrix -> Discord: relayed messages through webhooks, reactions/typing/deletes as the bot. */
export class MatrixToDiscord {
  private readonly targets = new Map<string, Target>();

  constructor(
    private readonly kit: BridgeKit,
    private readonly webhooks: WebhookCache,
    private readonly client: () => Client<true>,
  ) {}

  async sendMessage(m: MatrixMessage): Promise<SentMessage> {
    const client = this.client();
    const target = await this.target(client, m.chat);
    // A file event's body is its file name unless the sender wrote a caption.
    const caption = !m.content.attachments.some((a) => a.filename === m.content.text);
    let text = caption ? this.render(m.content, m.senderName) : '';
    if (m.content.replyTo && target.kind === 'webhook')
      text = (await this.replyQuote(client, target, m.content.replyTo)) + text;
    if (target.kind === 'dm') text = `**${escapeDiscordMarkdown(m.senderName)}**: ${text}`;
    const files: RawFile[] = m.content.attachments.map((a) => ({
      name: a.filename,
      data: a.data,
      contentType: a.mimetype,
    }));
    const chunks = splitContent(text);
    const sent: APIMessage[] = [];
    for (const [i, chunk] of chunks.entries()) {
      const last = i === chunks.length - 1;
      const body = {
        content: chunk,
        allowed_mentions: { parse: [], users: [...new Set(Object.values(m.content.mentions))].slice(0, 100) },
        ...(last && files.length > 0
          ? { attachments: files.map((f, n) => ({ id: n, filename: f.name })) }
          : {}),
        ...(target.kind === 'dm' && i === 0 && m.content.replyTo
          ? { message_reference: { message_id: m.content.replyTo, fail_if_not_exists: false } }
          : {}),
      };
      sent.push(await this.post(client, target, m, body, last ? files : []));
    }
    // One Matrix event maps to one Discord message: the first; overflow parts stay unmapped.
    return { ids: [sent[0].id], ts: Date.parse(sent[0].timestamp) };
  }

  async editMessage(e: MatrixEdit): Promise<void> {
    const client = this.client();
    const target = await this.target(client, e.chat);
    const content = splitContent(
      target.kind === 'dm'
        ? `**${escapeDiscordMarkdown(e.senderName)}**: ${this.render(e.content, e.senderName)}`
        : this.render(e.content, e.senderName),
    )[0];
    const body = {
      content,
      allowed_mentions: { parse: [], users: [...new Set(Object.values(e.content.mentions))] },
    };
    if (target.kind === 'dm') {
      await discordCall(() => client.rest.patch(Routes.channelMessage(target.channelId, e.target), { body }));
      return;
    }
    await discordCall(() =>
      this.webhooks.with(client, target.channelId, (hook) =>
        client.rest.patch(Routes.webhookMessage(hook.id, hook.token, e.target), {
          body,
          query: threadQuery(target),
          auth: false,
        }),
      ),
    );
  }

  async deleteMessage(r: MatrixRedaction): Promise<void> {
    const client = this.client();
    const target = await this.target(client, r.chat);
    if (target.kind === 'webhook' && (await this.kit.isBridgeSent(r.chat, r.target))) {
      await discordCall(() =>
        this.webhooks.with(client, target.channelId, (hook) =>
          client.rest.delete(Routes.webhookMessage(hook.id, hook.token, r.target), {
            query: threadQuery(target),
            auth: false,
          }),
        ),
      );
      return;
    }
    // A Discord user's message redacted on Matrix (moderation), or the bot's own DM relay.
    await discordCall(() => client.rest.delete(Routes.channelMessage(r.chat, r.target)));
  }

  async react(r: MatrixReaction): Promise<SentReaction> {
    const client = this.client();
    if (r.key.startsWith('mxc://'))
      throw new PermanentBridgeError('Discord reactions must be emoji; an image reaction cannot be bridged');
    const emoji = reactionRouteEmoji(r.key);
    await discordCall(() => client.rest.put(Routes.channelMessageOwnReaction(r.chat, r.target, emoji)));
    return { id: r.key };
  }

  async removeReaction(r: MatrixReactionRemoval): Promise<void> {
    const client = this.client();
    const emoji = reactionRouteEmoji(r.remoteReaction);
    await discordCall(() => client.rest.delete(Routes.channelMessageOwnReaction(r.chat, r.target, emoji)));
  }

  async setTyping(t: MatrixTyping): Promise<void> {
    // Discord has no "stopped typing"; its indicator times out after about 10 s.
    if (!t.typing) return;
    const client = this.client();
    await discordCall(() => client.rest.post(Routes.channelTyping(t.chat)));
  }

  private render(content: MatrixMessageContent, senderName: string): string {
    const text = matrixToDiscord(
      { text: content.text, html: content.html },
      {
        remoteUserOf: (mxid: string) => content.mentions[mxid],
        chatOfRoom: (room: string) => content.roomLinks[room],
      },
    );
    return content.msgtype === 'm.emote' ? `_${escapeDiscordMarkdown(senderName)} ${text}_` : text;
  }

  /** Webhooks cannot reply: a quoted line naming the replied-to author with a jump link instead. */
  private async replyQuote(
    client: Client<true>,
    target: Target & { kind: 'webhook' },
    replyTo: string,
  ): Promise<string> {
    const channelId = target.threadId ?? target.channelId;
    const link = messageLink(target.guildId, channelId, replyTo);
    try {
      const original = (await client.rest.get(Routes.channelMessage(channelId, replyTo))) as APIMessage;
      const oneLine = original.content.replace(/\s+/g, ' ').trim();
      const snippet = oneLine.length > REPLY_SNIPPET ? `${oneLine.slice(0, REPLY_SNIPPET)}…` : oneLine;
      const author = original.author.global_name ?? original.author.username;
      return `> **${escapeDiscordMarkdown(author)}** [↪](<${link}>) ${snippet}\n`;
    } catch {
      return `> [↪ reply](<${link}>)\n`;
    }
  }

  /** A channel's kind never changes, so its target is looked up once (cache, else REST). */
  private async target(client: Client<true>, chat: string): Promise<Target> {
    const known = this.targets.get(chat);
    if (known) return known;
    const channel = client.channels.cache.get(chat);
    const raw = channel
      ? {
          type: channel.type,
          guild_id: 'guildId' in channel ? channel.guildId : undefined,
          parent_id: 'parentId' in channel ? channel.parentId : undefined,
        }
      : ((await discordCall(() => client.rest.get(Routes.channel(chat)))) as APIChannel & {
          guild_id?: string;
          parent_id?: string | null;
        });
    const target = toTarget(chat, raw);
    this.targets.set(chat, target);
    return target;
  }

  private post(
    client: Client<true>,
    target: Target,
    m: MatrixEventRef,
    body: object,
    files: RawFile[],
  ): Promise<APIMessage> {
    if (target.kind === 'dm') {
      return discordCall(
        () =>
          client.rest.post(Routes.channelMessages(target.channelId), { body, files }) as Promise<APIMessage>,
      );
    }
    const query = threadQuery(target);
    query.set('wait', 'true');
    const webhookBody = { ...body, username: webhookUsername(m.senderName), avatar_url: m.senderAvatarUrl };
    return discordCall(() =>
      this.webhooks.with(
        client,
        target.channelId,
        (hook) =>
          client.rest.post(Routes.webhook(hook.id, hook.token), {
            body: webhookBody,
            files,
            query,
            auth: false,
          }) as Promise<APIMessage>,
      ),
    );
  }
}

const THREAD_TYPES = new Set<ChannelType>([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);

function toTarget(
  chat: string,
  channel: { type: ChannelType; guild_id?: string | null; parent_id?: string | null },
): Target {
  if (channel.type === ChannelType.DM) return { kind: 'dm', channelId: chat };
  if (!channel.guild_id)
    throw new PermanentBridgeError(`Discord channel ${chat} is not a guild text channel or DM`);
  if (THREAD_TYPES.has(channel.type) && channel.parent_id) {
    return { kind: 'webhook', channelId: channel.parent_id, guildId: channel.guild_id, threadId: chat };
  }
  return { kind: 'webhook', channelId: chat, guildId: channel.guild_id };
}

function threadQuery(target: Target): URLSearchParams {
  const query = new URLSearchParams();
  if (target.kind === 'webhook' && target.threadId) query.set('thread_id', target.threadId);
  return query;
}
