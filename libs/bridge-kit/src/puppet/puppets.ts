import { RemoteUserId, UserMxid } from '../ids';
import { BridgeContext } from '../runtime/bridge-context';

/**
 * Double puppeting: links from the config (static) and from the `link` command (stored). A link
 * counts only when double_puppet.enabled, because only then does the registration claim local users.
 */
export class Puppets {
  constructor(private readonly ctx: BridgeContext) {}

  private get enabled(): boolean {
    return this.ctx.config.bridge.double_puppet.enabled;
  }

  async mxidOf(remote: RemoteUserId): Promise<UserMxid | null> {
    if (!this.enabled) return null;
    for (const [mxid, linked] of Object.entries(this.ctx.config.bridge.double_puppet.links)) {
      if (linked === remote) return mxid;
    }
    return this.ctx.store.links.byRemote(remote);
  }

  async remoteOf(mxid: UserMxid): Promise<RemoteUserId | null> {
    if (!this.enabled) return null;
    return this.ctx.config.bridge.double_puppet.links[mxid] ?? (await this.ctx.store.links.byMxid(mxid));
  }
}
