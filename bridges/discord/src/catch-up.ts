import { SnowflakeUtil, type Client, type Message } from 'discord.js';
import type { BridgeKit } from '@switchboard/bridge-kit';
import { configuredChats } from './chat-info';
import type { DiscordNetworkConfig } from './config.schema';
import type { DiscordToMatrix } from './handle-discord';

const PAGE = 100;

function bySnowflake(a: Message, b: Message): number {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * After a (re)connect: for each configured channel that has bridged messages, fetches what was
 * posted after the newest bridged one (or since its portal was made) and hands it to the normal
 * message handler, in order. The kit drops messages already in its map, so overlap with live
 * events is harmless. Chats without a portal are not backfilled.
 */
export async function catchUp(
  client: Client<true>,
  kit: BridgeKit,
  cfg: DiscordNetworkConfig,
  events: DiscordToMatrix,
): Promise<void> {
  for (const chat of configuredChats(client, cfg)) {
    if (chat.kind !== 'channel') continue;
    try {
      await catchUpChannel(client, kit, events, chat.id);
    } catch (error) {
      kit.log.warn(
        { chat: chat.id, err: error instanceof Error ? error.message : String(error) },
        'discord catch-up failed',
      );
    }
  }
}

async function catchUpChannel(
  client: Client<true>,
  kit: BridgeKit,
  events: DiscordToMatrix,
  chat: string,
): Promise<void> {
  // Nothing bridged yet: everything since the portal was made (messages sent while the bridge was
  // down before its first message went through would otherwise never arrive).
  const created = await kit.portalCreatedAt(chat);
  let after =
    (await kit.lastRemoteMessage(chat)) ??
    (created === null ? null : SnowflakeUtil.generate({ timestamp: created }).toString());
  if (!after) return;
  const channel = await client.channels.fetch(chat);
  if (!channel?.isTextBased() || !('messages' in channel)) return;
  for (;;) {
    const page = [...(await channel.messages.fetch({ after, limit: PAGE, cache: false })).values()].sort(
      bySnowflake,
    );
    if (page.length === 0) return;
    for (const message of page) await events.inOrder(chat, () => events.onMessage(message));
    kit.log.info({ chat, count: page.length }, 'discord catch-up');
    if (page.length < PAGE) return;
    after = page[page.length - 1].id;
  }
}
