import { PortalRow } from '../db/bridge-store.port';
import { RemoteChatId, RoomId } from '../ids';
import { escapeLocalpart } from '../matrix/ghost-localpart';
import { ChatInfo } from '../network.interface';
import { BridgeContext } from '../runtime/bridge-context';
import { Ghosts } from '../ghost/ghosts';

/**
 * Portals: the Matrix room of each remote chat. Spaces (guilds) become m.space rooms linking their
 * channels; threads live in their channel's room under the thread root event; DMs invite the ghost.
 */
export class Portals {
  /** One creation per chat at a time (chats of one space are drained in parallel). */
  private readonly creating = new Map<RemoteChatId, Promise<PortalRow | null>>();

  constructor(
    private readonly ctx: BridgeContext,
    private readonly ghosts: Ghosts,
  ) {}

  /** The chat's portal, created from the connector's chat info if it has none yet. */
  async ensure(chat: RemoteChatId, known?: ChatInfo): Promise<PortalRow | null> {
    const existing = await this.ctx.store.portals.get(chat);
    if (existing) return existing;
    const pending = this.creating.get(chat);
    if (pending) return pending;
    const work = (async () => {
      const info = known ?? (await this.ctx.connector.fetchChatInfo(chat));
      return info ? this.create(info) : null;
    })();
    this.creating.set(chat, work);
    try {
      return await work;
    } finally {
      this.creating.delete(chat);
    }
  }

  private async create(info: ChatInfo): Promise<PortalRow | null> {
    const { homeserver, botMxid, store } = this.ctx;
    const parent = info.parent ? await this.ensure(info.parent) : null;
    const base: PortalRow = {
      chatId: info.id,
      roomId: '',
      kind: info.kind,
      parentChatId: info.parent ?? null,
      name: info.name ?? null,
      topic: info.topic ?? null,
      avatarUrl: info.avatarUrl ?? null,
      threadRootEventId: null,
      dmUser: info.dmUser ?? null,
      createdAt: Date.now(),
    };
    if (info.kind === 'thread') {
      // A thread is not a room of its own: its messages are m.thread relations in the channel's room.
      if (!parent) return null;
      const root = info.threadRoot ? await store.messages.byRemote(parent.chatId, info.threadRoot) : [];
      const row = { ...base, roomId: parent.roomId, threadRootEventId: root[0]?.eventId ?? null };
      await store.portals.upsert(row);
      return row;
    }
    const roomId = info.room
      ? await this.adopt(info, parent, info.room)
      : await this.createRoom(info, parent);
    const row = { ...base, roomId };
    await store.portals.upsert(row);
    if (parent?.kind === 'space') {
      await homeserver.sendState(botMxid, parent.roomId, 'm.space.child', roomId, {
        via: [this.ctx.serverName],
      });
    }
    if (info.dmUser) {
      await this.ghosts.ensureJoined(await this.ghosts.ensure(info.dmUser), roomId);
    }
    // An adopted room may hold them already; that refusal is no reason to lose the portal.
    for (const user of info.invite ?? [])
      await homeserver.invite(botMxid, roomId, user).catch(() => undefined);
    return row;
  }

  /** The m.bridge (and its older uk.half-shot.bridge twin) state events describing the portal (MSC2346). */
  private bridgeState(
    info: ChatInfo,
    parent: PortalRow | null,
  ): { type: string; state_key: string; content: object }[] {
    const { botMxid, connector, id } = this.ctx;
    const content = {
      bridgebot: botMxid,
      protocol: { id: connector.info.protocol, displayname: connector.info.displayName },
      ...(parent ? { network: { id: parent.chatId, displayname: parent.name ?? parent.chatId } } : {}),
      channel: { id: info.id, displayname: info.name ?? info.id },
    };
    const stateKey = `${id}://${info.id}`;
    return [
      { type: 'm.bridge', state_key: stateKey, content },
      { type: 'uk.half-shot.bridge', state_key: stateKey, content },
    ];
  }

  /** An existing room becomes the portal: the bot joins; the bridge state is set if the bot may. */
  private async adopt(info: ChatInfo, parent: PortalRow | null, room: string): Promise<RoomId> {
    const { homeserver, botMxid, log } = this.ctx;
    const roomId = await homeserver.join(botMxid, room);
    for (const state of this.bridgeState(info, parent)) {
      await homeserver
        .sendState(botMxid, roomId, state.type, state.state_key, state.content)
        .catch((err: unknown) => log.info({ err, roomId }, 'bridge state not set (no power?)'));
    }
    return roomId;
  }

  private async createRoom(info: ChatInfo, parent: PortalRow | null): Promise<RoomId> {
    const { homeserver, botMxid, serverName, id } = this.ctx;
    const initialState: object[] = this.bridgeState(info, parent);
    if (parent?.kind === 'space') {
      initialState.push({
        type: 'm.space.parent',
        state_key: parent.roomId,
        content: { via: [serverName], canonical: true },
      });
    }
    if (info.avatarUrl) {
      const mxc = await this.upload(info.avatarUrl).catch(() => null);
      if (mxc) initialState.push({ type: 'm.room.avatar', state_key: '', content: { url: mxc } });
    }
    return homeserver.createRoom(botMxid, {
      // Anyone who knows the room may join (the alias is in the bridge's exclusive namespace).
      preset: info.kind === 'dm' ? 'private_chat' : 'public_chat',
      visibility: 'private',
      ...(info.kind === 'dm' ? {} : { room_alias_name: `${id}_${escapeLocalpart(info.id)}` }),
      ...(info.name ? { name: info.name } : {}),
      ...(info.topic ? { topic: info.topic } : {}),
      ...(info.kind === 'space' ? { creation_content: { type: 'm.space' } } : {}),
      initial_state: initialState,
    });
  }

  /** Remote -> Matrix name/topic/avatar changes of an existing portal. */
  async updateInfo(portal: PortalRow, info: ChatInfo): Promise<void> {
    const { homeserver, botMxid, store } = this.ctx;
    if (portal.kind === 'thread') return;
    if (info.name !== undefined && info.name !== portal.name) {
      await homeserver.sendState(botMxid, portal.roomId, 'm.room.name', '', { name: info.name });
    }
    if (info.topic !== undefined && info.topic !== portal.topic) {
      await homeserver.sendState(botMxid, portal.roomId, 'm.room.topic', '', { topic: info.topic });
    }
    if (info.avatarUrl !== undefined && info.avatarUrl !== portal.avatarUrl) {
      const mxc = await this.upload(info.avatarUrl);
      await homeserver.sendState(botMxid, portal.roomId, 'm.room.avatar', '', { url: mxc });
    }
    await store.portals.upsert({
      ...portal,
      name: info.name ?? portal.name,
      topic: info.topic ?? portal.topic,
      avatarUrl: info.avatarUrl ?? portal.avatarUrl,
    });
  }

  private async upload(url: string): Promise<string> {
    const media = await this.ctx.connector.download({ kind: 'image', filename: 'avatar', url });
    return this.ctx.homeserver.uploadMedia(this.ctx.botMxid, media.data, media.mimetype, 'avatar');
  }
}
