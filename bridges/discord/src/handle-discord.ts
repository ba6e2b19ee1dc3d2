import {
  Client,
  Events,
  MessageType,
  type Channel,
  type Message,
  type MessageReaction,
  type PartialMessage,
  type PartialMessageReaction,
  type PartialUser,
  type User,
} from 'discord.js';
import type { BridgeKit, RemoteEvent } from '@switchboard/bridge-kit';
import { channelInfo, guildInfo, isBridgeableChannel, isConfiguredChannel } from './chat-info';
import type { DiscordNetworkConfig } from './config.schema';
import { toRemoteContent } from './convert';
import { customEmojiKey } from './ids';
import { AuthorDirectory, toUserInfo, userName } from './user-info';
import { WebhookCache } from './webhooks';

/** Discord shows a typing indicator for about 10 s after each TYPING_START. */
const TYPING_MS = 10_000;
/** Only these carry user content; joins, pins, thread-created notices and the like are not bridged. */
const CONTENT_TYPES = new Set<MessageType>([MessageType.Default, MessageType.Reply]);

/**
 * Gateway events -> RemoteEvents for the kit. Events are converted asynchronously (lookups of
 * mentioned users and rooms), so each chat has a promise chain keeping its events in gateway order.
 */
export class DiscordToMatrix {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(
    private readonly kit: BridgeKit,
    private readonly cfg: DiscordNetworkConfig,
    private readonly webhooks: WebhookCache,
    private readonly authors: AuthorDirectory,
  ) {}

  attach(client: Client): void {
    client.on(Events.MessageCreate, (m) => this.inOrder(m.channelId, () => this.onMessage(m)));
    client.on(Events.MessageUpdate, (old, m) => this.inOrder(m.channelId, () => this.onEdit(old, m)));
    client.on(Events.MessageDelete, (m) => this.inOrder(m.channelId, () => this.onDelete(m)));
    client.on(Events.MessageReactionAdd, (r, u) =>
      this.inOrder(r.message.channelId, () => this.onReaction(r, u, 'reaction')),
    );
    client.on(Events.MessageReactionRemove, (r, u) =>
      this.inOrder(r.message.channelId, () => this.onReaction(r, u, 'reaction_removed')),
    );
    client.on(Events.TypingStart, (t) =>
      this.inOrder(t.channel.id, async () => {
        if (t.user.id === client.user?.id || !(await this.isBridged(t.channel))) return;
        await this.queue({
          kind: 'typing',
          chat: t.channel.id,
          sender: t.user.id,
          ts: t.startedTimestamp,
          timeoutMs: TYPING_MS,
        });
      }),
    );
    client.on(Events.UserUpdate, (old, user) =>
      this.inOrder('', async () => {
        if (
          !old.partial &&
          old.username === user.username &&
          old.globalName === user.globalName &&
          old.avatar === user.avatar
        )
          return;
        const info = toUserInfo(user);
        await this.queue({
          kind: 'member',
          chat: '',
          sender: user.id,
          ts: Date.now(),
          name: info.name,
          avatarUrl: info.avatarUrl,
        });
      }),
    );
    client.on(Events.GuildMemberUpdate, (old, member) => {
      if (!old.partial && old.displayName === member.displayName) return;
      // A nickname is per guild: it becomes the ghost's name in each bridged channel of the guild.
      for (const channel of member.guild.channels.cache.values()) {
        if (!isBridgeableChannel(channel)) continue;
        this.inOrder(channel.id, async () => {
          if (!(await this.isBridged(channel))) return;
          await this.queue({
            kind: 'member',
            chat: channel.id,
            sender: member.id,
            ts: Date.now(),
            name: member.displayName,
          });
        });
      }
    });
    client.on(Events.ChannelUpdate, (_old, channel) =>
      this.inOrder(channel.id, () => this.onChatInfo(channel)),
    );
    client.on(Events.ThreadCreate, (thread) => this.inOrder(thread.id, () => this.onChatInfo(thread)));
    client.on(Events.ThreadUpdate, (_old, thread) => this.inOrder(thread.id, () => this.onChatInfo(thread)));
    client.on(Events.GuildUpdate, (_old, guild) =>
      this.inOrder(guild.id, async () => {
        if (!this.cfg.guilds.some((g) => g.id === guild.id) && !(await this.kit.portalRoom(guild.id))) return;
        await this.queue({
          kind: 'chat_info',
          chat: guild.id,
          sender: client.user?.id ?? '',
          ts: Date.now(),
          info: guildInfo(guild),
        });
      }),
    );
  }

  /** Runs after the chat's earlier events; used by catch-up too, so it interleaves with live ones. */
  inOrder(chat: string, work: () => Promise<void>): Promise<void> {
    const next = (this.chains.get(chat) ?? Promise.resolve()).then(work).catch((error: unknown) => {
      this.kit.log.error(
        { chat, err: error instanceof Error ? error.message : String(error) },
        'discord event not queued',
      );
    });
    this.chains.set(chat, next);
    void next.then(() => {
      if (this.chains.get(chat) === next) this.chains.delete(chat);
    });
    return next;
  }

  /** Settles when every event received so far has been queued (tests, stop()). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  async onMessage(message: Message): Promise<void> {
    if (!CONTENT_TYPES.has(message.type) || this.isOwn(message)) return;
    if (!(await this.isBridged(message.channel))) return;
    if (await this.kit.isBridgeSent(message.channelId, message.id)) return;
    this.rememberAuthor(message);
    await this.queue({
      kind: 'message',
      chat: message.channelId,
      sender: message.author.id,
      ts: message.createdTimestamp,
      id: message.id,
      content: await toRemoteContent(this.kit, message),
    });
  }

  private async onEdit(old: Message | PartialMessage, updated: Message | PartialMessage): Promise<void> {
    // Embed unfurls also arrive as updates; only a changed text is an edit.
    if (!old.partial && old.content === updated.content) return;
    const message = updated.partial ? await updated.fetch().catch(() => null) : updated;
    if (
      !message ||
      !CONTENT_TYPES.has(message.type) ||
      this.isOwn(message) ||
      message.editedTimestamp === null
    )
      return;
    if (!(await this.isBridged(message.channel))) return;
    const content = await toRemoteContent(this.kit, message);
    delete content.replyTo;
    await this.queue({
      kind: 'edit',
      chat: message.channelId,
      sender: message.author.id,
      ts: message.editedTimestamp,
      target: message.id,
      content,
    });
  }

  private async onDelete(message: Message | PartialMessage): Promise<void> {
    if (!(await this.isBridged(message.channel))) return;
    // A deleted uncached message has no known author; the kit redacts as the bot then.
    const sender = message.author?.id ?? message.client.user?.id ?? '';
    await this.queue({ kind: 'delete', chat: message.channelId, sender, ts: Date.now(), target: message.id });
  }

  private async onReaction(
    reaction: MessageReaction | PartialMessageReaction,
    user: User | PartialUser,
    kind: 'reaction' | 'reaction_removed',
  ): Promise<void> {
    if (user.id === reaction.client.user?.id) return;
    if (!(await this.isBridged(reaction.message.channel))) return;
    const { emoji } = reaction;
    const base = {
      chat: reaction.message.channelId,
      sender: user.id,
      ts: Date.now(),
      target: reaction.message.id,
    };
    if (emoji.id) {
      const key = customEmojiKey({ id: emoji.id, name: emoji.name, animated: emoji.animated });
      if (kind === 'reaction_removed') return this.queue({ ...base, kind, key });
      const url = reaction.client.rest.cdn.emoji(emoji.id, { extension: emoji.animated ? 'gif' : 'png' });
      return this.queue({ ...base, kind, key, emoji: { id: emoji.id, name: emoji.name ?? 'emoji', url } });
    }
    if (!emoji.name) return;
    await this.queue({ ...base, kind, key: emoji.name });
  }

  private async onChatInfo(channel: Channel): Promise<void> {
    const info = channelInfo(channel);
    if (!info || !(await this.isBridged(channel))) return;
    await this.queue({
      kind: 'chat_info',
      chat: channel.id,
      sender: channel.client.user?.id ?? '',
      ts: Date.now(),
      info,
    });
  }

  /** The bot's own messages (DM relays) and the bridge's webhooks' messages are echoes. */
  private isOwn(message: Message): boolean {
    if (message.author.id === message.client.user?.id) return true;
    return (
      message.webhookId !== null &&
      this.webhooks.isOurs(message.client, message.webhookId, message.applicationId)
    );
  }

  private rememberAuthor(message: Message): void {
    if (message.webhookId) {
      const author = message.author;
      this.authors.remember({
        id: author.id,
        name: userName(author),
        avatarUrl: author.avatar
          ? (author.avatarURL({ extension: 'png', size: 256 }) ?? undefined)
          : undefined,
      });
    }
  }

  /** Configured channels, DMs, threads of those, and channels bridged by command (a portal exists). */
  private async isBridged(channel: Channel | null): Promise<boolean> {
    if (!channel) return false;
    if (isConfiguredChannel(this.cfg, channel)) return true;
    if (await this.kit.portalRoom(channel.id)) return true;
    return (
      channel.isThread() &&
      channel.parentId !== null &&
      (await this.kit.portalRoom(channel.parentId)) !== null
    );
  }

  private queue(event: RemoteEvent): Promise<void> {
    return this.kit.queueRemoteEvent(event);
  }
}
