import type { Client } from 'discord.js';
import type {
  BridgeAttachment,
  BridgeInfo,
  BridgeKit,
  ChatInfo,
  NetworkConnector,
  UserInfo,
} from '@switchboard/bridge-kit';
import { catchUp } from './catch-up';
import { configuredChats, fetchChatInfo } from './chat-info';
import { discordNetworkSchema, type DiscordNetworkConfig } from './config.schema';
import { DiscordSession } from './discord-client';
import { DiscordToMatrix } from './handle-discord';
import { MatrixToDiscord } from './handle-matrix';
import { AuthorDirectory } from './user-info';
import { WebhookCache } from './webhooks';

export const discordBridgeInfo: BridgeInfo = {
  id: 'discord',
  displayName: 'Discord',
  protocol: 'discord',
  defaultBotLocalpart: 'discordbot',
  defaultGhostTemplate: 'discord_{id}',
};

/** How long configuredChats() waits for the gateway before answering from the YAML alone. */
const READY_WAIT_MS = 10_000;

interface Running {
  kit: BridgeKit;
  cfg: DiscordNetworkConfig;
  session: DiscordSession;
  fromDiscord: DiscordToMatrix;
  toDiscord: MatrixToDiscord;
  authors: AuthorDirectory;
}

export type DiscordConnector = NetworkConnector<DiscordNetworkConfig> & {
  /** The live discord.js client, if connected (tests). */
  readonly client: Client | null;
  /** Settles when every Discord event received so far has been queued (tests). */
  idle(): Promise<void>;
};

/** A Discord connector; one per bridge instance (no state is shared between instances). */
export function createDiscordConnector(): DiscordConnector {
  let running: Running | null = null;
  const live = (): Running => {
    if (!running) throw new Error('the Discord connector is not started');
    return running;
  };

  return {
    info: discordBridgeInfo,
    configSchema: discordNetworkSchema,

    get client() {
      return running?.session.current ?? null;
    },

    async start(kit, cfg) {
      const webhooks = new WebhookCache(cfg.webhook_name);
      const authors = new AuthorDirectory();
      const fromDiscord = new DiscordToMatrix(kit, cfg, webhooks, authors);
      const session: DiscordSession = new DiscordSession(
        cfg,
        kit,
        (client) => fromDiscord.attach(client),
        (client) => {
          if (client.isReady()) void catchUp(client, kit, cfg, fromDiscord);
        },
      );
      const toDiscord = new MatrixToDiscord(kit, webhooks, () => session.ready());
      running = { kit, cfg, session, fromDiscord, toDiscord, authors };
      session.start();
    },

    async stop() {
      const r = running;
      running = null;
      if (!r) return;
      await r.session.stop();
      await r.fromDiscord.idle();
    },

    idle: () => running?.fromDiscord.idle() ?? Promise.resolve(),

    async configuredChats(): Promise<ChatInfo[]> {
      const r = live();
      await r.session.waitReady(READY_WAIT_MS);
      return configuredChats(r.session.current, r.cfg);
    },

    fetchChatInfo: (chat) => fetchChatInfo(live().session.current, live().cfg, chat),

    fetchUserInfo: (user): Promise<UserInfo | null> => live().authors.fetch(live().session.current, user),

    async resolveChat(text) {
      const r = live();
      const client = r.session.current;
      const id = /^<#(\d+)>$/.exec(text.trim())?.[1] ?? /^\d{15,22}$/.exec(text.trim())?.[0];
      if (id) return (await fetchChatInfo(client, r.cfg, id)) ? id : null;
      const name = text.trim().replace(/^#/, '');
      const found = client?.channels.cache.find((c) => 'name' in c && c.name === name && c.isTextBased());
      return found?.id ?? null;
    },

    async download(attachment: BridgeAttachment) {
      const res = await fetch(attachment.url);
      if (!res.ok) throw new Error(`Discord CDN ${res.status} for ${attachment.url}`);
      const mimetype = attachment.mimetype ?? res.headers.get('content-type') ?? 'application/octet-stream';
      return { data: Buffer.from(await res.arrayBuffer()), mimetype };
    },

    sendMessage: (m) => live().toDiscord.sendMessage(m),
    editMessage: (e) => live().toDiscord.editMessage(e),
    deleteMessage: (r) => live().toDiscord.deleteMessage(r),
    react: (r) => live().toDiscord.react(r),
    removeReaction: (r) => live().toDiscord.removeReaction(r),
    setTyping: (t) => live().toDiscord.setTyping(t),
  };
}
