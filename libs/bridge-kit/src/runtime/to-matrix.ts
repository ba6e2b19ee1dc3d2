import { PortalRow } from '../db/bridge-store.port';
import { UserMxid } from '../ids';
import { messageTypeOf } from '../message/message-type';
import { BridgeAttachment, RemoteMessageContent } from '../message/message.types';
import { RemoteEvent } from '../network.interface';
import { Ghosts } from '../ghost/ghosts';
import { Portals } from '../portal/portals';
import { Puppets } from '../puppet/puppets';
import { BridgeContext } from './bridge-context';
import { txnIdFor } from './txn-id';

/** The 'to-matrix' queue handler: one remote event of one chat, in order. */
export class ToMatrix {
  constructor(
    private readonly ctx: BridgeContext,
    private readonly portals: Portals,
    private readonly ghosts: Ghosts,
    private readonly puppets: Puppets,
  ) {}

  /** The Matrix user that speaks for a remote user: their linked account, else their ghost. */
  async speaker(remote: string): Promise<{ mxid: UserMxid; puppet: boolean }> {
    const linked = await this.puppets.mxidOf(remote);
    if (linked) return { mxid: linked, puppet: true };
    return { mxid: await this.ghosts.ensure(remote), puppet: false };
  }

  async handle(event: RemoteEvent): Promise<void> {
    if (event.kind === 'member' && event.chat === '') {
      await this.ghosts.update(event.sender, event.name, event.avatarUrl);
      return;
    }
    const portal = await this.portals.ensure(event.chat);
    if (!portal) {
      this.ctx.log.warn({ chat: event.chat, kind: event.kind }, 'no portal for remote event; dropped');
      return;
    }
    if (event.kind === 'chat_info') return this.portals.updateInfo(portal, event.info);
    const { mxid, puppet } = await this.speaker(event.sender);
    await this.ghosts.ensureJoined(mxid, portal.roomId);
    const marker = puppet ? { 'fi.mau.double_puppet_source': this.ctx.id } : {};
    const { homeserver, store } = this.ctx;
    const txn = (remote: string, part: number, kind: string) =>
      txnIdFor(this.ctx.id, event.chat, remote, part, kind);
    switch (event.kind) {
      case 'message': {
        const done = new Set((await store.messages.byRemote(event.chat, event.id)).map((r) => r.part));
        const parts = await this.convert(portal, mxid, event.content);
        for (const [part, { type, content }] of parts.entries()) {
          if (done.has(part)) continue;
          const eventId = await homeserver.sendEvent(
            mxid,
            portal.roomId,
            type,
            { ...content, ...marker },
            txn(event.id, part, 'message'),
            event.ts,
          );
          await store.messages.insert({
            chatId: event.chat,
            remoteId: event.id,
            part,
            roomId: portal.roomId,
            eventId,
            sender: mxid,
            remoteSender: event.sender,
            threadRootEventId: portal.threadRootEventId,
            fromMatrix: false,
            ts: event.ts,
          });
        }
        return;
      }
      case 'edit': {
        const [first] = await store.messages.byRemote(event.chat, event.target);
        if (!first) return;
        const [text] = await this.convert(portal, mxid, {
          ...event.content,
          attachments: [],
          replyTo: undefined,
        });
        if (!text) return;
        const body = text.content as { body: string; formatted_body?: string };
        await homeserver.sendEvent(
          mxid,
          portal.roomId,
          'm.room.message',
          {
            ...text.content,
            body: `* ${body.body}`,
            ...(body.formatted_body ? { formatted_body: `* ${body.formatted_body}` } : {}),
            'm.new_content': text.content,
            'm.relates_to': { rel_type: 'm.replace', event_id: first.eventId },
            ...marker,
          },
          txn(event.target, 0, `edit:${event.ts}`),
        );
        return;
      }
      case 'delete': {
        for (const row of await store.messages.byRemote(event.chat, event.target)) {
          await homeserver.redact(row.sender, row.roomId, row.eventId, txn(event.target, row.part, 'delete'));
        }
        await store.messages.deleteRemote(event.chat, event.target);
        return;
      }
      case 'reaction': {
        const [target] = await store.messages.byRemote(event.chat, event.target);
        if (!target || (await store.reactions.get(event.chat, event.target, event.sender, event.key))) return;
        let key = event.key;
        if (event.emoji) {
          const media = await this.ctx.connector.download({
            kind: 'image',
            filename: event.emoji.name,
            url: event.emoji.url,
          });
          key = await homeserver.uploadMedia(mxid, media.data, media.mimetype, event.emoji.name);
        }
        const eventId = await homeserver.sendEvent(
          mxid,
          portal.roomId,
          'm.reaction',
          {
            'm.relates_to': { rel_type: 'm.annotation', event_id: target.eventId, key },
            ...(event.emoji ? { 'com.beeper.reaction.shortcode': `:${event.emoji.name}:` } : {}),
            ...marker,
          },
          txn(event.target, 0, `reaction:${event.sender}:${event.key}`),
        );
        await store.reactions.insert({
          chatId: event.chat,
          targetRemoteId: event.target,
          reactor: event.sender,
          key: event.key,
          eventId,
          remoteReactionId: null,
          fromMatrix: false,
        });
        return;
      }
      case 'reaction_removed': {
        const row = await store.reactions.get(event.chat, event.target, event.sender, event.key);
        if (!row) return;
        await homeserver.redact(
          mxid,
          portal.roomId,
          row.eventId,
          txn(event.target, 0, `unreact:${row.eventId}`),
        );
        await store.reactions.delete(row.eventId);
        return;
      }
      case 'typing':
        await homeserver.setTyping(mxid, portal.roomId, event.timeoutMs > 0, event.timeoutMs);
        return;
      case 'receipt': {
        const [row] = await store.messages.byRemote(event.chat, event.upTo);
        if (row) await homeserver.sendReadReceipt(mxid, portal.roomId, row.eventId);
        return;
      }
      case 'member': {
        if (puppet) return;
        if (event.avatarUrl !== undefined) await this.ghosts.update(event.sender, undefined, event.avatarUrl);
        // A per-room name (a nickname) is the ghost's member event in that room.
        if (event.name === undefined) return;
        if ((await store.ghosts.roomName(event.sender, portal.roomId)) === event.name) return;
        const display = this.ctx.config.bridge.ghost_displayname_template.replace('{name}', event.name);
        await homeserver.sendState(mxid, portal.roomId, 'm.room.member', mxid, {
          membership: 'join',
          displayname: display,
        });
        await store.ghosts.setRoomName(event.sender, portal.roomId, event.name);
        return;
      }
    }
  }

  /** One Matrix event per part: the text (with mentions and relations), then each attachment. */
  private async convert(
    portal: PortalRow,
    as: UserMxid,
    content: RemoteMessageContent,
  ): Promise<{ type: string; content: Record<string, unknown> }[]> {
    const { store } = this.ctx;
    const chat = portal.chatId;
    const parentChat = portal.kind === 'thread' ? portal.parentChatId : null;
    const lookup = async (remote: string | undefined) => {
      if (!remote) return null;
      const [row] = await store.messages.byRemote(chat, remote);
      if (row) return row.eventId;
      return parentChat ? ((await store.messages.byRemote(parentChat, remote))[0]?.eventId ?? null) : null;
    };
    const threadRoot = (await lookup(content.threadRoot)) ?? portal.threadRootEventId;
    const replyTo = await lookup(content.replyTo);
    const relation = (withReply: boolean): Record<string, unknown> => {
      if (threadRoot) {
        const inReply = withReply && replyTo ? replyTo : threadRoot;
        return {
          'm.relates_to': {
            rel_type: 'm.thread',
            event_id: threadRoot,
            is_falling_back: !(withReply && replyTo),
            'm.in_reply_to': { event_id: inReply },
          },
        };
      }
      return withReply && replyTo ? { 'm.relates_to': { 'm.in_reply_to': { event_id: replyTo } } } : {};
    };
    const parts: { type: string; content: Record<string, unknown> }[] = [];
    if (content.text !== '' || content.html) {
      const userIds = await Promise.all(
        (content.mentionedUsers ?? []).map(async (u) => (await this.speaker(u)).mxid),
      );
      parts.push({
        type: 'm.room.message',
        content: {
          msgtype: content.msgtype ?? 'm.text',
          body: content.text,
          ...(content.html ? { format: 'org.matrix.custom.html', formatted_body: content.html } : {}),
          'm.mentions': {
            ...(userIds.length ? { user_ids: userIds } : {}),
            ...(content.mentionsRoom ? { room: true } : {}),
          },
          ...relation(true),
        },
      });
    }
    for (const attachment of content.attachments ?? []) {
      parts.push(await this.attachment(as, attachment, relation(parts.length === 0)));
    }
    return parts;
  }

  private async attachment(
    as: UserMxid,
    attachment: BridgeAttachment,
    relation: Record<string, unknown>,
  ): Promise<{ type: string; content: Record<string, unknown> }> {
    const media = await this.ctx.connector.download(attachment);
    const mimetype = attachment.mimetype ?? media.mimetype;
    const url = await this.ctx.homeserver.uploadMedia(as, media.data, mimetype, attachment.filename);
    const info = {
      mimetype,
      size: attachment.size ?? media.data.length,
      ...(attachment.width ? { w: attachment.width } : {}),
      ...(attachment.height ? { h: attachment.height } : {}),
    };
    const common = { body: attachment.filename, url, info, ...relation };
    if (attachment.kind === 'sticker') return { type: 'm.sticker', content: common };
    return {
      type: 'm.room.message',
      content: { msgtype: messageTypeOf(mimetype), filename: attachment.filename, ...common },
    };
  }
}
