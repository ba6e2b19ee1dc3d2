/**
 * Discord IDs as the kit sees them: chats are channel snowflakes (guild snowflakes for spaces;
 * threads and DMs are channels too), users are user snowflakes (a webhook's ID for webhook
 * authors), messages are message snowflakes.
 */

/** A custom emoji reaction's key on the Discord side: `<:name:id>` (`<a:name:id>` if animated). */
export function customEmojiKey(emoji: {
  id: string;
  name: string | null;
  animated?: boolean | null;
}): string {
  return `<${emoji.animated ? 'a' : ''}:${emoji.name ?? 'emoji'}:${emoji.id}>`;
}

/**
 * The emoji as Discord's reaction routes want it: the unicode emoji itself, or `name:id` for
 * custom emoji (given as `<:name:id>`); discord.js's REST client does not encode path segments.
 */
export function reactionRouteEmoji(key: string): string {
  const custom = /^<a?:(\w+):(\d+)>$/.exec(key);
  return encodeURIComponent(custom ? `${custom[1]}:${custom[2]}` : key);
}

/** The jump link Discord clients open for a message. */
export function messageLink(guildId: string | null, channelId: string, messageId: string): string {
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}/${messageId}`;
}
