import type { BridgeAttachment } from '@switchboard/bridge-kit';

/** A Discord sticker as a message carries it (discord.js `Sticker`: id, name, format). */
export interface DiscordStickerInfo {
  id: string;
  name: string;
  /** StickerFormatType: 1 PNG, 2 APNG, 3 LOTTIE, 4 GIF. */
  format_type: number;
}

/** Discord draws stickers at 160 px from 320 px images; Matrix clients size m.sticker by info.w/h. */
const STICKER_SIZE = 320;

/**
 * The sticker as an attachment from the CDN (`/stickers/{id}.{png|gif|json}`). Lottie stickers are
 * animations no Matrix client draws, so they go as a file named after the sticker.
 */
export function stickerToAttachment(
  sticker: DiscordStickerInfo,
  cdnUrl = 'https://cdn.discordapp.com',
): BridgeAttachment {
  const base = `${cdnUrl.replace(/\/+$/, '')}/stickers/${sticker.id}`;
  if (sticker.format_type === 3) {
    return {
      kind: 'file',
      filename: `${sticker.name}.json`,
      mimetype: 'application/json',
      url: `${base}.json`,
    };
  }
  const gif = sticker.format_type === 4;
  return {
    kind: 'sticker',
    filename: `${sticker.name}.${gif ? 'gif' : 'png'}`,
    mimetype: gif ? 'image/gif' : sticker.format_type === 2 ? 'image/apng' : 'image/png',
    width: STICKER_SIZE,
    height: STICKER_SIZE,
    url: `${base}.${gif ? 'gif' : 'png'}`,
  };
}
