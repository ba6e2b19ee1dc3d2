import { RemoteUserId, RoomId, UserMxid } from '../ids';
import { ghostLocalpart } from '../matrix/ghost-localpart';
import { MatrixApiError } from '../matrix/homeserver-client.port';
import { BridgeContext } from '../runtime/bridge-context';

/** Remote users' ghosts: registered on first use, profile kept in step, joined to portals. */
export class Ghosts {
  private readonly joined = new Set<string>();
  private readonly template: string;
  private readonly pattern: RegExp;

  constructor(private readonly ctx: BridgeContext) {
    this.template = ctx.config.bridge.ghost_localpart_template ?? ctx.connector.info.defaultGhostTemplate;
    const [before, after] = this.template.split('{id}').map(escapeRegExp);
    this.pattern = new RegExp(`^@${before}.+${after}:${escapeRegExp(ctx.serverName)}$`);
  }

  mxid(remote: RemoteUserId): UserMxid {
    return `@${ghostLocalpart(this.template, remote)}:${this.ctx.serverName}`;
  }

  isGhost(mxid: UserMxid): boolean {
    return this.pattern.test(mxid);
  }

  /** Registers the ghost the first time and sets its profile from the remote. */
  async ensure(remote: RemoteUserId): Promise<UserMxid> {
    const mxid = this.mxid(remote);
    if (await this.ctx.store.ghosts.get(remote)) return mxid;
    await this.ctx.homeserver.ensureRegistered(mxid.slice(1, mxid.indexOf(':')));
    const info = await this.ctx.connector.fetchUserInfo(remote).catch(() => null);
    await this.update(remote, info?.name ?? remote, info?.avatarUrl);
    return mxid;
  }

  /** Sets what changed of the display name (by the template) and the avatar (uploaded once per URL). */
  async update(remote: RemoteUserId, name?: string, avatarUrl?: string): Promise<void> {
    const mxid = this.mxid(remote);
    const row = (await this.ctx.store.ghosts.get(remote)) ?? {
      remoteId: remote,
      mxid,
      name: null,
      avatarUrl: null,
      avatarMxc: null,
      updatedAt: 0,
    };
    if (row.updatedAt === 0) await this.ctx.homeserver.ensureRegistered(mxid.slice(1, mxid.indexOf(':')));
    if (name !== undefined && name !== row.name) {
      const display = this.ctx.config.bridge.ghost_displayname_template.replace('{name}', name);
      await this.ctx.homeserver.setDisplayName(mxid, display);
      row.name = name;
    }
    if (avatarUrl !== undefined && avatarUrl !== row.avatarUrl) {
      const media = await this.ctx.connector.download({ kind: 'image', filename: 'avatar', url: avatarUrl });
      row.avatarMxc = await this.ctx.homeserver.uploadMedia(mxid, media.data, media.mimetype, 'avatar');
      await this.ctx.homeserver.setAvatarUrl(mxid, row.avatarMxc);
      row.avatarUrl = avatarUrl;
    }
    await this.ctx.store.ghosts.upsert({ ...row, updatedAt: Date.now() });
  }

  /** Joins `mxid` (a ghost or a double-puppeted user) to the room, inviting them first if needed. */
  async ensureJoined(mxid: UserMxid, roomId: RoomId): Promise<void> {
    const key = `${mxid}|${roomId}`;
    if (this.joined.has(key)) return;
    try {
      await this.ctx.homeserver.join(mxid, roomId);
    } catch (err) {
      if (!(err instanceof MatrixApiError) || err.errcode !== 'M_FORBIDDEN') throw err;
      await this.ctx.homeserver.invite(this.ctx.botMxid, roomId, mxid);
      await this.ctx.homeserver.join(mxid, roomId);
    }
    this.joined.add(key);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
