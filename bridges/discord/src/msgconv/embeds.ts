import { type BridgeAttachment, escapeHtml } from '@switchboard/bridge-kit';
import { type DiscordToMatrixContext, discordToMatrix } from './discord-to-matrix';

/** The parts of a Discord embed (APIEmbed, what discord.js `Embed.toJSON()` returns) that are bridged. */
export interface DiscordEmbed {
  type?: string;
  title?: string;
  description?: string;
  url?: string;
  author?: { name: string; url?: string };
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  image?: { url: string; width?: number; height?: number; content_type?: string };
  thumbnail?: { url: string; width?: number; height?: number; content_type?: string };
  video?: { url?: string; width?: number; height?: number; content_type?: string };
}

export interface EmbedConversion {
  /** Plain text of the rich embeds ('' when there are none). */
  text: string;
  html?: string;
  /** Images (and gif videos) the embeds show, to send as their own events. */
  attachments: BridgeAttachment[];
}

/** Embed text holds mentions too; without a context they are written by ID. */
const NO_CONTEXT: DiscordToMatrixContext = {
  userMxid: () => undefined,
  userName: () => undefined,
  roleName: () => undefined,
  channelRoom: () => undefined,
  channelName: () => undefined,
};

/**
 * Rich embeds (bots, webhooks) become a quote per embed: author, linked title, description, fields,
 * footer; their image is an attachment. Link previews ("link", "article", "video") are dropped:
 * their URL is already in the message and Matrix clients make their own previews. "image" and
 * "gifv" embeds (a bare image or GIF link) become the attachment they show.
 */
export function embedsToMatrix(
  embeds: DiscordEmbed[],
  ctx: DiscordToMatrixContext = NO_CONTEXT,
): EmbedConversion {
  const texts: string[] = [];
  const htmls: string[] = [];
  const attachments: BridgeAttachment[] = [];
  for (const embed of embeds) {
    const type = embed.type ?? 'rich';
    if (type === 'image' || type === 'gifv') {
      const media =
        type === 'gifv' && embed.video?.url
          ? { ...embed.video, url: embed.video.url }
          : (embed.image ?? embed.thumbnail);
      if (media) attachments.push(mediaAttachment(media, type === 'gifv' ? 'video' : 'image'));
      continue;
    }
    if (type !== 'rich') continue;
    const part = richEmbed(embed, ctx);
    if (part.text) {
      texts.push(part.text);
      htmls.push(part.html);
    }
    if (embed.image) attachments.push(mediaAttachment(embed.image, 'image'));
  }
  const result: EmbedConversion = { text: texts.join('\n\n'), attachments };
  if (htmls.length > 0) result.html = htmls.join('');
  return result;
}

function richEmbed(embed: DiscordEmbed, ctx: DiscordToMatrixContext): { text: string; html: string } {
  const text: string[] = [];
  const html: string[] = [];
  const md = (source: string): { text: string; html: string } => {
    const converted = discordToMatrix(source, ctx);
    return {
      text: converted.text,
      html: converted.html ?? escapeHtml(converted.text).replace(/\n/g, '<br>'),
    };
  };
  if (embed.author?.name) {
    text.push(embed.author.name);
    html.push(`<p>${linked(embed.author.name, embed.author.url)}</p>`);
  }
  if (embed.title) {
    text.push(embed.url ? `${embed.title} (${embed.url})` : embed.title);
    html.push(`<p><strong>${linked(embed.title, embed.url)}</strong></p>`);
  }
  if (embed.description) {
    const d = md(embed.description);
    text.push(d.text);
    html.push(`<p>${d.html}</p>`);
  }
  for (const field of embed.fields ?? []) {
    const value = md(field.value);
    text.push(`${field.name}: ${value.text}`);
    html.push(`<p><strong>${escapeHtml(field.name)}</strong><br>${value.html}</p>`);
  }
  if (embed.footer?.text) {
    text.push(embed.footer.text);
    html.push(`<p><sub>${escapeHtml(embed.footer.text)}</sub></p>`);
  }
  return {
    text: text
      .map((line) =>
        line
          .split('\n')
          .map((l) => `> ${l}`)
          .join('\n'),
      )
      .join('\n'),
    html: html.length > 0 ? `<blockquote>${html.join('')}</blockquote>` : '',
  };
}

function linked(text: string, url: string | undefined): string {
  return url && /^https?:\/\//i.test(url)
    ? `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`
    : escapeHtml(text);
}

function mediaAttachment(
  media: { url: string; width?: number; height?: number; content_type?: string },
  kind: 'image' | 'video',
): BridgeAttachment {
  const last = new URL(media.url, 'https://invalid').pathname.split('/').pop() || kind;
  let name = last;
  try {
    name = decodeURIComponent(last);
  } catch {
    // A malformed escape: the name stays as written.
  }
  const attachment: BridgeAttachment = { kind, filename: name, url: media.url };
  if (media.content_type) attachment.mimetype = media.content_type;
  if (media.width) attachment.width = media.width;
  if (media.height) attachment.height = media.height;
  return attachment;
}
