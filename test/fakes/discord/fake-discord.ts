import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './gateway';
import { RestRouter, type Fault, type RouteMatcher } from './rest';
import { parseEmoji, registerRoutes, storeAttachments, type RouteDeps } from './routes';
import { FakeState, type Json, type RecordedCall } from './state';

export type { Fault, RouteMatcher } from './rest';
export type { Json, RecordedCall, RecordedFile } from './state';

export interface FakeAttachment {
  filename: string;
  data: Buffer;
  contentType?: string;
}

export interface FakeDiscord {
  /** Value for discord.js `rest: { api }` (ends in /api; discord.js appends /v10). */
  restUrl: string;
  /** Value for discord.js `rest: { cdn }`; attachments live under cdnUrl/attachments/... */
  cdnUrl: string;
  botToken: string;
  botUser: Json;
  addGuild(guild: { id: string; name: string }): void;
  /** type 1 is a DM with `recipientId` (added with addUser first). */
  addChannel(channel: {
    id: string;
    guildId?: string;
    name: string;
    type?: number;
    recipientId?: string;
  }): void;
  addUser(user: { id: string; username: string; avatar?: string | null }): void;
  addMember(guildId: string, userId: string, nick?: string): void;
  userSays(
    channelId: string,
    userId: string,
    content: string,
    extras?: { attachments?: FakeAttachment[]; referencedMessageId?: string },
  ): Json;
  editMessage(channelId: string, messageId: string, content: string): Json;
  deleteMessage(channelId: string, messageId: string): void;
  react(channelId: string, messageId: string, userId: string, emoji: string): void;
  unreact(channelId: string, messageId: string, userId: string, emoji: string): void;
  typing(channelId: string, userId: string): void;
  memberUpdate(
    guildId: string,
    userId: string,
    changes: { nick?: string | null; avatar?: string | null },
  ): void;
  /** Every REST call so far, oldest first. */
  calls: RecordedCall[];
  /** Messages of a channel, oldest first. */
  messages(channelId: string): Json[];
  failNext(route: RouteMatcher, count: number, fault: Fault): void;
  dispatch(t: string, d: unknown): void;
  disconnect(): void;
  close(): Promise<void>;
}

/** Starts a fake Discord (REST + gateway + CDN on one port) that an unmodified discord.js logs in to. */
export async function startFakeDiscord(opts: { botToken?: string } = {}): Promise<FakeDiscord> {
  const state = new FakeState();
  const botToken = opts.botToken ?? 'fake-bot-token';
  const botUser: Json = {
    id: '1000000000000000001',
    username: 'fakebot',
    global_name: null,
    avatar: null,
    discriminator: '0',
    bot: true,
  };
  state.users.set(String(botUser.id), botUser);
  let base = '';
  const router = new RestRouter(state, botToken);
  const server = createServer((req, res) => {
    router.handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 0, message: String(error) }));
    });
  });
  const wsUrl = (): string => base.replace(/^http/, 'ws');
  const gateway = new FakeGateway(server, state, botToken, botUser, wsUrl);
  const deps: RouteDeps = { state, gateway, botUser, wsUrl, cdnUrl: () => `${base}/cdn` };
  registerRoutes(router, deps);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const authorOf = (userId: string): Json => state.user(userId);
  const guildOf = (channelId: string): string | undefined =>
    state.channels.get(channelId)?.guild_id as string;
  const mustFind = (channelId: string, messageId: string): Json => {
    const found = state.findMessage(channelId, messageId);
    if (!found) throw new Error(`fake discord: no message ${messageId} in ${channelId}`);
    return found;
  };
  const reaction = (t: string, channelId: string, messageId: string, userId: string, emoji: string): void => {
    const guildId = guildOf(channelId);
    gateway.dispatch(t, {
      user_id: userId,
      channel_id: channelId,
      message_id: messageId,
      ...(guildId ? { guild_id: guildId, member: state.member(guildId, userId) } : {}),
      emoji: parseEmoji(emoji),
    });
  };

  return {
    restUrl: `${base}/api`,
    cdnUrl: `${base}/cdn`,
    botToken,
    botUser,
    calls: router.calls,
    addGuild: ({ id, name }) => {
      state.guilds.set(id, { id, name, icon: null, owner_id: botUser.id });
      state.members.set(id, new Map());
    },
    addChannel: ({ id, guildId, name, type, recipientId }) => {
      state.channels.set(id, {
        id,
        type: type ?? 0,
        name,
        position: state.channels.size,
        permission_overwrites: [],
        ...(guildId ? { guild_id: guildId } : {}),
        ...(type === 1 ? { recipients: recipientId ? [state.user(recipientId)] : [] } : {}),
      });
    },
    addUser: ({ id, username, avatar }) => {
      state.users.set(id, {
        id,
        username,
        global_name: username,
        avatar: avatar ?? null,
        discriminator: '0',
      });
    },
    addMember: (guildId, userId, nick) => {
      const members = state.members.get(guildId);
      if (!members) throw new Error(`fake discord: no guild ${guildId}`);
      members.set(userId, {
        user: state.user(userId),
        nick: nick ?? null,
        avatar: null,
        roles: [],
        joined_at: new Date().toISOString(),
        deaf: false,
        mute: false,
        flags: 0,
      });
    },
    userSays: (channelId, userId, content, extras = {}) => {
      const channel = state.channels.get(channelId);
      const guildId = channel?.guild_id as string | undefined;
      const files = (extras.attachments ?? []).map((a, i) => ({
        name: `files[${i}]`,
        filename: a.filename,
        contentType: a.contentType ?? 'application/octet-stream',
        data: a.data,
      }));
      const referenced = extras.referencedMessageId
        ? mustFind(channelId, extras.referencedMessageId)
        : undefined;
      const message = state.buildMessage(channelId, authorOf(userId), content, {
        attachments: storeAttachments(deps, channelId, files),
        ...(referenced
          ? {
              type: 19,
              message_reference: { message_id: referenced.id, channel_id: channelId, guild_id: guildId },
              referenced_message: referenced,
            }
          : {}),
      });
      state.channelMessages(channelId).push(message);
      const member = guildId ? state.member(guildId, userId) : undefined;
      // Gateway MESSAGE_CREATE carries a partial member (no `user`) and, for DMs, channel_type 1.
      const partialMember = member
        ? Object.fromEntries(Object.entries(member).filter(([k]) => k !== 'user'))
        : undefined;
      gateway.dispatch('MESSAGE_CREATE', {
        ...message,
        ...(partialMember ? { member: partialMember } : {}),
        ...(channel?.type === 1 || !channel ? { channel_type: 1 } : {}),
      });
      return message;
    },
    editMessage: (channelId, messageId, content) => {
      const message = mustFind(channelId, messageId);
      message.content = content;
      message.edited_timestamp = new Date().toISOString();
      gateway.dispatch('MESSAGE_UPDATE', message);
      return message;
    },
    deleteMessage: (channelId, messageId) => {
      const list = state.channelMessages(channelId);
      const index = list.findIndex((m) => m.id === messageId);
      if (index >= 0) list.splice(index, 1);
      gateway.dispatch('MESSAGE_DELETE', {
        id: messageId,
        channel_id: channelId,
        guild_id: guildOf(channelId),
      });
    },
    react: (c, m, u, e) => reaction('MESSAGE_REACTION_ADD', c, m, u, e),
    unreact: (c, m, u, e) => reaction('MESSAGE_REACTION_REMOVE', c, m, u, e),
    typing: (channelId, userId) => {
      const guildId = guildOf(channelId);
      gateway.dispatch('TYPING_START', {
        channel_id: channelId,
        user_id: userId,
        timestamp: Math.floor(Date.now() / 1000),
        ...(guildId ? { guild_id: guildId, member: state.member(guildId, userId) } : {}),
      });
    },
    memberUpdate: (guildId, userId, changes) => {
      const member = state.member(guildId, userId);
      if (!member) throw new Error(`fake discord: ${userId} is not in ${guildId}`);
      Object.assign(member, changes);
      gateway.dispatch('GUILD_MEMBER_UPDATE', { ...member, guild_id: guildId });
    },
    messages: (channelId) => [...state.channelMessages(channelId)],
    failNext: (route, count, fault) => router.failNext(route, count, fault),
    dispatch: (t, d) => gateway.dispatch(t, d),
    disconnect: () => gateway.disconnect(),
    close: async () => {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
