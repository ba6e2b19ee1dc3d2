import type { Logger } from 'pino';
import { BridgeConfig } from '../config/bridge-config.schema';
import { BridgeStore } from '../db/bridge-store.port';
import { Commands } from '../commands/commands';
import { Ghosts } from '../ghost/ghosts';
import { AppserviceHandler, MatrixEphemeral, MatrixEvent } from '../matrix/appservice-server.port';
import { HomeserverClient, MatrixApiError } from '../matrix/homeserver-client.port';
import {
  BridgeKit,
  BridgeState,
  NetworkConnector,
  PermanentBridgeError,
  RemoteEvent,
  RemoteRateLimited,
} from '../network.interface';
import { Portals } from '../portal/portals';
import { hasPermission } from '../puppet/permissions';
import { Puppets } from '../puppet/puppets';
import { BridgeDirection, BridgeQueue } from '../queue/bridge-queue.port';
import { StatusTracker } from '../status/status-tracker';
import { BridgeContext } from './bridge-context';
import { ToMatrix } from './to-matrix';
import { ToRemote } from './to-remote';

export interface CreateBridgeOptions<N> {
  connector: NetworkConnector<N>;
  config: BridgeConfig<N>;
  serverName: string;
  homeserver: HomeserverClient;
  store: BridgeStore;
  queue: BridgeQueue;
  /** Already scoped to the bridge by the caller (prepareBridge, the CLI). */
  log: Logger;
}

export interface BridgeStatus {
  id: string;
  state: BridgeState;
  message?: string;
  since: number;
  portals: number;
  queue: Record<BridgeDirection, { pending: number; failed: number }>;
  remote: string;
}

export interface RunningBridge {
  handler: AppserviceHandler;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): BridgeStatus;
}

const STATUS_REFRESH_MS = 5_000;
/** What Matrix -> remote handles; anything else in a portal (state, receipts) is not queued. */
const BRIDGED_TYPES = new Set(['m.room.message', 'm.sticker', 'm.reaction', 'm.room.redaction']);

/**
 * A Matrix error that retrying cannot fix (4xx other than rate limiting) fails the item at once
 * instead of using up the retries; everything else is rethrown for the queue's backoff.
 */
function classify(err: unknown): never {
  if (err instanceof MatrixApiError && err.status >= 400 && err.status < 500 && err.status !== 429) {
    throw new PermanentBridgeError(err.message);
  }
  if (err instanceof MatrixApiError && err.status === 429) {
    throw new RemoteRateLimited(err.retryAfterMs ?? 1000, err.message);
  }
  throw err;
}

/** The kit's runtime: portals, ghosts, both queues, commands, double puppeting and status for one connector. */
export function createBridge<N>(options: CreateBridgeOptions<N>): RunningBridge {
  const { connector, config, serverName, homeserver, store, queue } = options;
  const id = connector.info.id;
  const log = options.log;
  const botLocalpart = config.bridge.bot_localpart ?? connector.info.defaultBotLocalpart;
  const ctx: BridgeContext<N> = {
    id,
    connector,
    config,
    serverName,
    homeserver,
    store,
    queue,
    log,
    botMxid: `@${botLocalpart}:${serverName}`,
  };
  const base = ctx as unknown as BridgeContext;
  const status = new StatusTracker(log);
  const ghosts = new Ghosts(base);
  const puppets = new Puppets(base);
  const portals = new Portals(base, ghosts);
  const toMatrix = new ToMatrix(base, portals, ghosts, puppets);
  const toRemote = new ToRemote(base, puppets);
  let counts: BridgeStatus['queue'] = {
    'to-matrix': { pending: 0, failed: 0 },
    'to-remote': { pending: 0, failed: 0 },
  };
  let portalCount = 0;
  let refresher: NodeJS.Timeout | null = null;
  const typingNow = new Map<string, Set<string>>();

  const statusOf = (): BridgeStatus => ({
    id,
    state: status.state,
    ...(status.message !== undefined ? { message: status.message } : {}),
    since: status.since,
    portals: portalCount,
    queue: counts,
    remote: connector.info.displayName,
  });
  const commands = new Commands(base, portals, () => {
    const s = statusOf();
    return `${s.state}${s.message ? ` (${s.message})` : ''} since ${new Date(s.since).toISOString()}; ${s.portals} portals; queue to-matrix ${s.queue['to-matrix'].pending} pending/${s.queue['to-matrix'].failed} failed, to-remote ${s.queue['to-remote'].pending}/${s.queue['to-remote'].failed}`;
  });
  const refresh = async () => {
    counts = await queue.counts();
    portalCount = await store.portals.count();
  };

  const kit: BridgeKit = {
    log,
    serverName,
    async queueRemoteEvent(event: RemoteEvent) {
      // Typing is ephemeral: best effort, never queued behind messages.
      if (event.kind === 'typing') {
        await toMatrix.handle(event).catch((err: unknown) => log.debug({ err }, 'typing not bridged'));
        return;
      }
      await queue.push('to-matrix', event.chat, event);
    },
    reportState: (state, message) => status.report(state, message),
    userMxid: async (user) => (await puppets.mxidOf(user)) ?? ghosts.mxid(user),
    ghostMxid: (user) => ghosts.mxid(user),
    async remoteUserOf(mxid) {
      return (await store.ghosts.byMxid(mxid))?.remoteId ?? (await puppets.remoteOf(mxid));
    },
    portalRoom: async (chat) => (await store.portals.get(chat))?.roomId ?? null,
    lastRemoteMessage: async (chat) => (await store.messages.last(chat))?.remoteId ?? null,
    portalCreatedAt: async (chat) => (await store.portals.get(chat))?.createdAt ?? null,
    async isBridgeSent(chat, message) {
      const rows = await store.messages.byRemote(chat, message);
      return rows.some((r) => r.fromMatrix);
    },
  };

  const isOurs = (mxid: string) => mxid === ctx.botMxid || ghosts.isGhost(mxid);

  /** The chat a Matrix event of a portal room belongs to: a thread portal if it is in that thread. */
  const chatOf = async (event: MatrixEvent): Promise<string | null> => {
    const rows = await store.portals.byRoom(event.room_id);
    if (!rows.length) return null;
    const relates = (event.content['m.relates_to'] ?? {}) as { rel_type?: string; event_id?: string };
    const thread =
      relates.rel_type === 'm.thread'
        ? rows.find((r) => r.threadRootEventId === relates.event_id)
        : undefined;
    return (thread ?? rows.find((r) => r.kind !== 'thread') ?? rows[0]).chatId;
  };

  const onInvite = async (event: MatrixEvent) => {
    if (!hasPermission(config.bridge.permissions, event.sender, 'user')) {
      await homeserver.leave(ctx.botMxid, event.room_id).catch(() => undefined);
      return;
    }
    await homeserver.join(ctx.botMxid, event.room_id);
    // A DM with the bot is a management room (commands without prefix); other rooms need the prefix.
    if (event.content.is_direct === true && (await store.portals.byRoom(event.room_id)).length === 0) {
      await store.managementRooms.set(event.room_id, event.sender);
      await commands.run(event.room_id, event.sender, 'help', true);
    }
  };

  const onTyping = async (eph: MatrixEphemeral) => {
    if (!eph.room_id || !connector.setTyping) return;
    const rows = await store.portals.byRoom(eph.room_id);
    const portal = rows.find((r) => r.kind !== 'thread');
    if (!portal) return;
    const now = new Set(((eph.content.user_ids ?? []) as string[]).filter((u) => !isOurs(u)));
    const before = typingNow.get(eph.room_id) ?? new Set<string>();
    typingNow.set(eph.room_id, now);
    for (const user of now)
      if (!before.has(user)) await connector.setTyping({ chat: portal.chatId, sender: user, typing: true });
    for (const user of before)
      if (!now.has(user)) await connector.setTyping({ chat: portal.chatId, sender: user, typing: false });
  };

  /** m.receipt content: { eventId: { 'm.read': { userId: { ts } } } }; read markers of bridged messages go to the remote. */
  const onReceipt = async (eph: MatrixEphemeral) => {
    if (!connector.markRead) return;
    for (const [eventId, kinds] of Object.entries(eph.content)) {
      const readers = Object.keys(((kinds ?? {}) as Record<string, object>)['m.read'] ?? {}).filter(
        (u) => !isOurs(u),
      );
      const row = readers.length ? await store.messages.byEvent(eventId) : null;
      if (!row) continue;
      for (const sender of readers)
        await connector.markRead({ chat: row.chatId, sender, upTo: row.remoteId });
    }
  };

  const handler: AppserviceHandler = {
    async onTransaction(txnId, events, ephemeral) {
      const items: { direction: BridgeDirection; chat: string; payload: unknown }[] = [];
      for (const event of events) {
        if (isOurs(event.sender) && !(event.type === 'm.room.member' && event.state_key === ctx.botMxid))
          continue;
        if (event.content['fi.mau.double_puppet_source'] !== undefined) continue;
        try {
          if (event.type === 'm.room.member' && event.state_key === ctx.botMxid) {
            if (event.content.membership === 'invite' && !isOurs(event.sender)) await onInvite(event);
            continue;
          }
          if (event.type === 'm.room.message' && typeof event.content.body === 'string') {
            const management = (await store.managementRooms.get(event.room_id)) !== null;
            const command = commands.commandOf(event.content.body, management);
            if (command !== null) {
              await commands.run(event.room_id, event.sender, command, management);
              continue;
            }
          }
        } catch (err) {
          log.warn({ err, event: event.event_id }, 'bot handling failed');
          continue;
        }
        if (!BRIDGED_TYPES.has(event.type)) continue;
        const chat = await chatOf(event);
        if (chat !== null) items.push({ direction: 'to-remote', chat, payload: event });
      }
      if (items.length) await queue.pushMany(items, { dedupeKey: txnId });
      for (const eph of ephemeral) {
        if (eph.type === 'm.typing')
          await onTyping(eph).catch((err: unknown) => log.debug({ err }, 'typing not bridged'));
        if (eph.type === 'm.receipt')
          await onReceipt(eph).catch((err: unknown) => log.debug({ err }, 'receipt not bridged'));
      }
    },
    async onUserQuery(userId) {
      if (!ghosts.isGhost(userId)) return false;
      await homeserver.ensureRegistered(userId.slice(1, userId.indexOf(':')));
      return true;
    },
    onAliasQuery: async () => false,
  };

  return {
    handler,
    status: statusOf,
    async start() {
      status.report('STARTING');
      queue.handle('to-matrix', (_chat, payload) => toMatrix.handle(payload as RemoteEvent).catch(classify));
      queue.handle('to-remote', (chat, payload) =>
        toRemote.handle(chat, payload as MatrixEvent).catch(classify),
      );
      await homeserver
        .setDisplayName(ctx.botMxid, config.bridge.bot_displayname ?? connector.info.displayName)
        .catch((err: unknown) => log.warn({ err }, "could not set the bot's display name"));
      // The remote's trouble never stops the homeserver: the connector reports it and retries itself.
      await connector.start(kit, config.network).catch((err: unknown) => {
        log.error({ err }, 'connector failed to start');
        status.report('UNKNOWN_ERROR', err instanceof Error ? err.message : String(err));
      });
      const chats = await connector.configuredChats().catch((err: unknown) => {
        log.warn({ err }, 'could not list configured chats');
        return [];
      });
      for (const info of chats) {
        await portals
          .ensure(info.id, info)
          .catch((err: unknown) => log.warn({ err, chat: info.id }, 'portal not created'));
      }
      await queue.start();
      await refresh();
      refresher = setInterval(() => void refresh().catch(() => undefined), STATUS_REFRESH_MS);
      refresher.unref();
    },
    async stop() {
      if (refresher) clearInterval(refresher);
      await queue.stop();
      await connector.stop().catch((err: unknown) => log.warn({ err }, 'connector failed to stop'));
      status.report('STOPPED');
    },
  };
}
