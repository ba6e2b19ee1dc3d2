import { MatrixEvent } from '../matrix/appservice-server.port';
import { MatrixAttachment, MatrixMessageContent } from '../message/message.types';
import { pillTargets } from '../message/pill-targets';
import { stripReplyFallback } from '../message/reply-fallback';
import { MatrixEventRef } from '../network.interface';
import { hasPermission } from '../puppet/permissions';
import { Puppets } from '../puppet/puppets';
import { BridgeContext } from './bridge-context';

type Relates = {
  rel_type?: string;
  event_id?: string;
  key?: string;
  'm.in_reply_to'?: { event_id?: string };
};
const MEDIA = new Set(['m.image', 'm.file', 'm.video', 'm.audio']);

/** The 'to-remote' queue handler: one Matrix event of a portal, in order. */
export class ToRemote {
  private readonly warned = new Set<string>();

  constructor(
    private readonly ctx: BridgeContext,
    private readonly puppets: Puppets,
  ) {}

  async handle(chat: string, event: MatrixEvent): Promise<void> {
    const { store, connector, homeserver } = this.ctx;
    const portal = await store.portals.get(chat);
    if (!portal) return;
    if (!hasPermission(this.ctx.config.bridge.permissions, event.sender, 'relay')) {
      if (!this.warned.has(event.sender)) {
        this.warned.add(event.sender);
        await homeserver.sendEvent(
          this.ctx.botMxid,
          portal.roomId,
          'm.room.message',
          {
            msgtype: 'm.notice',
            body: `${event.sender}: your messages are not bridged (no permission).`,
          },
          `sb.perm.${event.event_id}`,
        );
      }
      return;
    }
    if ((await store.messages.byEvent(event.event_id)) || (await store.reactions.byEvent(event.event_id)))
      return;
    const ref = await this.ref(chat, event);
    // Without relaying, only double-puppeted users' messages can reach the remote.
    if (!this.ctx.config.bridge.relay.enabled && !ref.senderRemote) return;
    const relates = (event.content['m.relates_to'] ?? {}) as Relates;
    if (event.type === 'm.room.message' || event.type === 'm.sticker') {
      if (relates.rel_type === 'm.replace' && relates.event_id) {
        const target = await store.messages.byEvent(relates.event_id);
        const newContent = event.content['m.new_content'] as Record<string, unknown> | undefined;
        if (!target || !newContent) return;
        await connector.editMessage({
          ...ref,
          target: target.remoteId,
          content: await this.content(newContent, {}),
        });
        return;
      }
      const content = await this.content(event.content, relates);
      const sent = await connector.sendMessage({ ...ref, content });
      for (const [part, remoteId] of sent.ids.entries()) {
        await store.messages.insert({
          chatId: chat,
          remoteId,
          part,
          roomId: event.room_id,
          // Event IDs are unique in the map; later parts of one Matrix event get a suffixed key.
          eventId: part === 0 ? event.event_id : `${event.event_id}#${part}`,
          sender: event.sender,
          remoteSender: ref.senderRemote ?? null,
          threadRootEventId: null,
          fromMatrix: true,
          ts: sent.ts ?? event.origin_server_ts,
        });
      }
      return;
    }
    if (
      event.type === 'm.reaction' &&
      relates.rel_type === 'm.annotation' &&
      relates.event_id &&
      relates.key
    ) {
      const target = await store.messages.byEvent(relates.event_id);
      if (!target) return;
      const sent = await connector.react({ ...ref, target: target.remoteId, key: relates.key });
      await store.reactions.insert({
        chatId: chat,
        targetRemoteId: target.remoteId,
        reactor: event.sender,
        key: relates.key,
        eventId: event.event_id,
        remoteReactionId: sent.id,
        fromMatrix: true,
      });
      return;
    }
    if (event.type === 'm.room.redaction') {
      const redacts = event.redacts ?? (event.content.redacts as string | undefined);
      if (!redacts) return;
      const reaction = await store.reactions.byEvent(redacts);
      if (reaction) {
        await connector.removeReaction({
          ...ref,
          target: reaction.targetRemoteId,
          key: reaction.key,
          remoteReaction: reaction.remoteReactionId ?? '',
        });
        await store.reactions.delete(redacts);
        return;
      }
      const row = await store.messages.byEvent(redacts);
      if (!row) return;
      await connector.deleteMessage({ ...ref, target: row.remoteId });
      await store.messages.deleteRemote(row.chatId, row.remoteId);
    }
  }

  private async ref(chat: string, event: MatrixEvent): Promise<MatrixEventRef> {
    const member = await this.ctx.homeserver
      .getState(event.room_id, 'm.room.member', event.sender)
      .catch(() => null);
    const senderAvatarMxc = typeof member?.avatar_url === 'string' ? member.avatar_url : undefined;
    const senderRemote = await this.puppets.remoteOf(event.sender);
    return {
      chat,
      roomId: event.room_id,
      eventId: event.event_id,
      sender: event.sender,
      senderName: typeof member?.displayname === 'string' ? member.displayname : event.sender,
      ...(senderAvatarMxc
        ? {
            senderAvatarMxc,
            senderAvatarUrl: this.ctx.homeserver.publicMediaUrl(senderAvatarMxc) ?? undefined,
          }
        : {}),
      ...(senderRemote ? { senderRemote } : {}),
    };
  }

  private async content(raw: Record<string, unknown>, relates: Relates): Promise<MatrixMessageContent> {
    const { store, homeserver } = this.ctx;
    const html =
      raw.format === 'org.matrix.custom.html' && typeof raw.formatted_body === 'string'
        ? raw.formatted_body
        : undefined;
    const body = typeof raw.body === 'string' ? raw.body : '';
    const replyEvent = relates['m.in_reply_to']?.event_id;
    const stripped = replyEvent
      ? stripReplyFallback({ body, formatted_body: html })
      : { body, formatted_body: html };
    const pills = stripped.formatted_body ? pillTargets(stripped.formatted_body) : { users: [], rooms: [] };
    const declared = (raw['m.mentions'] ?? {}) as { user_ids?: string[]; room?: boolean };
    const mentions: Record<string, string> = {};
    for (const mxid of new Set([...pills.users, ...(declared.user_ids ?? [])])) {
      const remote =
        (await this.ctx.store.ghosts.byMxid(mxid))?.remoteId ?? (await this.puppets.remoteOf(mxid));
      if (remote) mentions[mxid] = remote;
    }
    const roomLinks: Record<string, string> = {};
    for (const room of pills.rooms) {
      const roomId = room.startsWith('#') ? await homeserver.resolveAlias(room).catch(() => null) : room;
      const linked = roomId
        ? (await store.portals.byRoom(roomId)).find((p) => p.kind !== 'thread')
        : undefined;
      if (linked) roomLinks[room] = linked.chatId;
    }
    const isThread = relates.rel_type === 'm.thread' && relates.event_id;
    const replyRow =
      replyEvent && !(isThread && (relates as { is_falling_back?: boolean }).is_falling_back)
        ? await store.messages.byEvent(replyEvent)
        : null;
    const threadRow = isThread ? await store.messages.byEvent(relates.event_id as string) : null;
    const attachments: MatrixAttachment[] = [];
    const msgtype = typeof raw.msgtype === 'string' ? raw.msgtype : 'm.sticker';
    if ((MEDIA.has(msgtype) || msgtype === 'm.sticker') && typeof raw.url === 'string') {
      const media = await homeserver.downloadMedia(raw.url);
      const info = (raw.info ?? {}) as { mimetype?: string; w?: number; h?: number };
      attachments.push({
        kind: msgtype === 'm.sticker' ? 'sticker' : (msgtype.slice(2) as MatrixAttachment['kind']),
        filename: typeof raw.filename === 'string' ? raw.filename : body,
        mimetype: info.mimetype ?? media.mimetype,
        size: media.data.length,
        ...(info.w ? { width: info.w } : {}),
        ...(info.h ? { height: info.h } : {}),
        url: raw.url,
        data: media.data,
      });
    }
    const captioned = attachments.length > 0 && (typeof raw.filename !== 'string' || raw.filename === body);
    return {
      text: captioned ? '' : stripped.body,
      ...(stripped.formatted_body && !captioned ? { html: stripped.formatted_body } : {}),
      msgtype,
      mentions,
      roomLinks,
      mentionsRoom: declared.room === true,
      ...(replyRow ? { replyTo: replyRow.remoteId } : {}),
      ...(threadRow ? { threadRoot: threadRow.remoteId } : {}),
      attachments,
    };
  }
}
