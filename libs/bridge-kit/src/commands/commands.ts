import { hasPermission } from '../puppet/permissions';
import { Portals } from '../portal/portals';
import { BridgeContext } from '../runtime/bridge-context';

const HELP = [
  'help - this list',
  'list - bridged chats',
  "status - the bridge's state",
  'bridge <remote channel> [room] - bridge a remote channel to a room (default: this one, or a new one from the management room) (admin)',
  'unbridge [remote channel] - stop bridging (admin)',
  'link <remote user id> - speak as yourself on the remote (double puppeting)',
  'unlink - undo link',
];

/** Bot commands: without prefix in a management room, with `!<bridge id> ` elsewhere. Replies are notices. */
export class Commands {
  constructor(
    private readonly ctx: BridgeContext,
    private readonly portals: Portals,
    private readonly statusLine: () => string,
  ) {}

  /** The command text of a message, or null if it is not one for this bridge. */
  commandOf(body: string, management: boolean): string | null {
    const prefix = `!${this.ctx.id} `;
    if (body.startsWith(prefix)) return body.slice(prefix.length).trim();
    return management ? body.trim() : null;
  }

  async run(roomId: string, sender: string, text: string, management: boolean): Promise<void> {
    const reply = await this.answer(roomId, sender, text, management).catch((err: unknown) => {
      this.ctx.log.warn({ err, text }, 'command failed');
      return `Failed: ${err instanceof Error ? err.message : String(err)}`;
    });
    await this.ctx.homeserver.sendEvent(
      this.ctx.botMxid,
      roomId,
      'm.room.message',
      { msgtype: 'm.notice', body: reply },
      `sb.cmd.${Date.now()}.${Math.random().toString(36).slice(2)}`,
    );
  }

  private async answer(roomId: string, sender: string, text: string, management: boolean): Promise<string> {
    const { store, connector, config } = this.ctx;
    const [name = 'help', ...args] = text.split(/\s+/).filter(Boolean);
    const admin = hasPermission(config.bridge.permissions, sender, 'admin');
    if (!hasPermission(config.bridge.permissions, sender, 'user'))
      return "You may not use this bridge's commands.";
    switch (name.toLowerCase()) {
      case 'help':
        return HELP.join('\n');
      case 'list': {
        const rows = await store.portals.list();
        return rows.length
          ? rows.map((p) => `${p.kind} ${p.chatId} ${p.name ?? ''} -> ${p.roomId}`).join('\n')
          : 'Nothing is bridged.';
      }
      case 'status':
        return this.statusLine();
      case 'bridge': {
        if (!admin) return 'Only admins may bridge chats.';
        const chat = args[0] ? await connector.resolveChat(args[0]) : null;
        if (!chat) return `Unknown remote channel: ${args[0] ?? '(none given)'}`;
        if (await store.portals.get(chat)) return `${chat} is already bridged.`;
        const info = await connector.fetchChatInfo(chat);
        // Said in an existing room, `bridge <channel>` bridges that room; in the management room a new one is made.
        const room = args[1] ?? (management ? undefined : roomId);
        if (!info) return `Unknown remote channel: ${chat}`;
        const portal = await this.portals.ensure(chat, room ? { ...info, room } : info);
        return portal ? `Bridged ${chat} to ${portal.roomId}.` : `Could not bridge ${chat}.`;
      }
      case 'unbridge': {
        if (!admin) return 'Only admins may unbridge chats.';
        const chat = args[0]
          ? await connector.resolveChat(args[0])
          : ((await store.portals.byRoom(roomId)).find((p) => p.kind !== 'thread')?.chatId ?? null);
        if (!chat || !(await store.portals.get(chat))) return 'That chat is not bridged.';
        await store.portals.delete(chat);
        return `Unbridged ${chat}.`;
      }
      case 'link': {
        if (!config.bridge.double_puppet.enabled) return 'Double puppeting is not enabled.';
        if (!args[0]) return 'Usage: link <remote user id>';
        await store.links.set(sender, args[0]);
        return `Linked ${sender} to ${args[0]}.`;
      }
      case 'unlink':
        await store.links.delete(sender);
        return `Unlinked ${sender}.`;
      default:
        return `Unknown command "${name}". Try help.`;
    }
  }
}
