import { z } from 'zod';
import { RemoteChatId } from '../ids';
import { MatrixMessageContent } from '../message/message.types';
import {
  BridgeKit,
  ChatInfo,
  MatrixEdit,
  MatrixMessage,
  MatrixReaction,
  MatrixReactionRemoval,
  MatrixReceipt,
  MatrixRedaction,
  MatrixTyping,
  NetworkConnector,
  RemoteEvent,
  UserInfo,
} from '../network.interface';

export const fakeNetworkSchema = z.object({ chats: z.array(z.string()).default([]) });
export type FakeNetworkConfig = z.infer<typeof fakeNetworkSchema>;

/** What the fake remote received from Matrix, in order. */
export type FakeCall =
  | { kind: 'send'; message: MatrixMessage }
  | { kind: 'edit'; edit: MatrixEdit }
  | { kind: 'delete'; redaction: MatrixRedaction }
  | { kind: 'react'; reaction: MatrixReaction }
  | { kind: 'unreact'; removal: MatrixReactionRemoval }
  | { kind: 'typing'; typing: MatrixTyping }
  | { kind: 'read'; receipt: MatrixReceipt };

export interface FakeConnector extends NetworkConnector<FakeNetworkConfig> {
  readonly calls: FakeCall[];
  readonly chats: Map<RemoteChatId, ChatInfo>;
  readonly users: Map<string, UserInfo>;
  /** Bytes served by download(), by URL. */
  readonly files: Map<string, { data: Buffer; mimetype: string }>;
  kit(): BridgeKit;
  /** A remote happening, queued through the kit as a real connector would. */
  emit(event: RemoteEvent): Promise<void>;
  sentText(): MatrixMessageContent[];
}

/** A tiny in-memory remote network for the kit's tests. */
export function createFakeConnector(id = 'fake'): FakeConnector {
  const calls: FakeCall[] = [];
  const chats = new Map<RemoteChatId, ChatInfo>();
  const users = new Map<string, UserInfo>();
  const files = new Map<string, { data: Buffer; mimetype: string }>();
  let kit: BridgeKit | null = null;
  let configured: string[] = [];
  let nextId = 1;
  const sent = () => `sent-${nextId++}`;
  return {
    info: {
      id,
      displayName: 'Fake',
      protocol: id,
      defaultBotLocalpart: `${id}bot`,
      defaultGhostTemplate: `${id}_{id}`,
    },
    configSchema: fakeNetworkSchema,
    calls,
    chats,
    users,
    files,
    kit() {
      if (!kit) throw new Error('not started');
      return kit;
    },
    emit(event) {
      return this.kit().queueRemoteEvent(event);
    },
    sentText: () => calls.flatMap((c) => (c.kind === 'send' ? [c.message.content] : [])),
    async start(k, config) {
      kit = k;
      configured = config.chats;
      k.reportState('CONNECTED');
    },
    async stop() {
      kit?.reportState('STOPPED');
    },
    configuredChats: async () => configured.flatMap((c) => (chats.has(c) ? [chats.get(c) as ChatInfo] : [])),
    fetchChatInfo: async (chat) => chats.get(chat) ?? null,
    fetchUserInfo: async (user) => users.get(user) ?? null,
    resolveChat: async (text) => (chats.has(text) ? text : null),
    async download(attachment) {
      const file = files.get(attachment.url);
      if (!file) throw new Error(`no such file ${attachment.url}`);
      return file;
    },
    async sendMessage(message) {
      calls.push({ kind: 'send', message });
      const parts = (message.content.text ? 1 : 0) + message.content.attachments.length;
      return { ids: Array.from({ length: Math.max(parts, 1) }, sent) };
    },
    async editMessage(edit) {
      calls.push({ kind: 'edit', edit });
    },
    async deleteMessage(redaction) {
      calls.push({ kind: 'delete', redaction });
    },
    async react(reaction) {
      calls.push({ kind: 'react', reaction });
      return { id: sent() };
    },
    async removeReaction(removal) {
      calls.push({ kind: 'unreact', removal });
    },
    async setTyping(typing) {
      calls.push({ kind: 'typing', typing });
    },
    async markRead(receipt) {
      calls.push({ kind: 'read', receipt });
    },
  };
}
