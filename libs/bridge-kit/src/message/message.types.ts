import { RemoteMessageId, RemoteUserId } from '../ids';

/**
 * The common message model: what a remote message becomes before the kit sends it to Matrix, and
 * what a Matrix message becomes before the connector sends it to the remote. JSON-serialisable,
 * because both directions pass through a durable queue.
 */
export interface BridgeAttachment {
  kind: 'image' | 'video' | 'audio' | 'file' | 'sticker';
  filename: string;
  mimetype?: string;
  size?: number;
  width?: number;
  height?: number;
  /**
   * Remote -> Matrix: where the connector's `download()` fetches the bytes. Matrix -> remote: the
   * `mxc://` URI; the kit has already downloaded the bytes into {@link MatrixAttachment.data}.
   */
  url: string;
}

/** A remote message converted for Matrix: one event per part (text first, then each attachment). */
export interface RemoteMessageContent {
  /** Plain text, the `body`; empty when the message is only attachments. */
  text: string;
  /** Matrix HTML (`formatted_body`), already converted from the remote's markup; absent = plain. */
  html?: string;
  msgtype?: 'm.text' | 'm.notice' | 'm.emote';
  /** Remote users mentioned; the kit turns them into `m.mentions.user_ids` (ghosts or puppets). */
  mentionedUsers?: RemoteUserId[];
  /** @everyone / @here / <!channel>: `m.mentions.room`. */
  mentionsRoom?: boolean;
  /** The remote message this one replies to (an `m.in_reply_to`, with a fallback when not found). */
  replyTo?: RemoteMessageId;
  /** The remote message that started this one's thread (`rel_type: m.thread`). */
  threadRoot?: RemoteMessageId;
  attachments?: BridgeAttachment[];
}

/** A Matrix message as the connector receives it; `html` is Matrix HTML, the connector converts it. */
export interface MatrixMessageContent {
  /** The body with any reply fallback removed. */
  text: string;
  html?: string;
  msgtype: string;
  /** Every Matrix user pill (or m.mentions user) that stands for a remote user: mxid -> remote ID. */
  mentions: Record<string, RemoteUserId>;
  /** Every room pill that is a portal: room ID or alias -> remote chat ID. */
  roomLinks: Record<string, string>;
  mentionsRoom: boolean;
  replyTo?: RemoteMessageId;
  threadRoot?: RemoteMessageId;
  attachments: MatrixAttachment[];
}

export interface MatrixAttachment extends BridgeAttachment {
  data: Buffer;
}
