import { createDiscordConnector, type DiscordConnector } from './discord.connector';
import { discordNetworkSchema } from './config.schema';
import { MiniGateway } from './testing/mini-gateway';
import { RecordingKit } from './testing/recording-kit';

/** Discord -> Matrix through a real discord.js gateway session (MiniGateway). */
describe('discord connector, gateway side', () => {
  const discord = new MiniGateway();
  let kit: RecordingKit;
  let connector: DiscordConnector;
  const ALICE = '300000000000000042';

  beforeAll(() => discord.start());
  afterAll(() => discord.stop());

  async function start(channels: 'all' | string[] = 'all'): Promise<void> {
    kit = new RecordingKit();
    connector = createDiscordConnector();
    const cfg = discordNetworkSchema.parse({
      token: 'bot-token',
      api_base_url: `${discord.url}/api`,
      cdn_url: `${discord.url}/cdn`,
      guilds: [{ id: discord.guildId, channels }],
    });
    await connector.start(kit, cfg);
    await kit.until(() => kit.state === 'CONNECTED', 10_000);
  }
  afterEach(() => connector.stop());

  it('connects, reports CONNECTED and lists the configured guild as a space with its channels', async () => {
    await start([discord.channelId]);
    expect(kit.states.map((s) => s.state)).toEqual(['CONNECTING', 'CONNECTED']);
    const chats = await connector.configuredChats();
    expect(chats).toEqual([
      { id: discord.guildId, kind: 'space', name: 'Test Guild', avatarUrl: undefined },
      {
        id: discord.channelId,
        kind: 'channel',
        name: 'general',
        topic: 'about general',
        parent: discord.guildId,
        room: undefined,
      },
    ]);
  });

  it('queues messages of bridged channels with converted markdown, in order; ignores its own and others', async () => {
    await start([discord.channelId]);
    discord.dispatch('MESSAGE_CREATE', discord.message(discord.channelId, ALICE, 'hello **world**'));
    discord.dispatch('MESSAGE_CREATE', discord.message(discord.channelId, ALICE, 'second'));
    discord.dispatch('MESSAGE_CREATE', discord.message(discord.otherChannelId, ALICE, 'not bridged'));
    discord.dispatch(
      'MESSAGE_CREATE',
      discord.message(discord.channelId, discord.botId, 'echo of a DM relay'),
    );
    discord.dispatch(
      'MESSAGE_CREATE',
      discord.message(discord.channelId, '700000000000000001', 'echo', {
        webhook_id: '700000000000000001',
        application_id: discord.appId,
      }),
    );
    await kit.until(() => kit.events.length >= 2);
    await connector.idle();
    expect(kit.events).toHaveLength(2);
    expect(kit.events[0]).toMatchObject({
      kind: 'message',
      chat: discord.channelId,
      sender: ALICE,
      content: { text: 'hello world' },
    });
    expect(kit.events[0].kind === 'message' && kit.events[0].content.html).toContain(
      '<strong>world</strong>',
    );
    expect(kit.events[1]).toMatchObject({ kind: 'message', content: { text: 'second' } });
  });

  it('turns edits, deletes, reactions and typing into remote events', async () => {
    await start();
    const original = discord.message(discord.channelId, ALICE, 'typo');
    discord.dispatch('MESSAGE_CREATE', original);
    discord.dispatch('MESSAGE_UPDATE', {
      ...original,
      content: 'fixed',
      edited_timestamp: new Date().toISOString(),
    });
    discord.dispatch('MESSAGE_REACTION_ADD', {
      user_id: ALICE,
      channel_id: discord.channelId,
      message_id: original.id,
      guild_id: discord.guildId,
      emoji: { id: null, name: '👍' },
    });
    discord.dispatch('MESSAGE_REACTION_ADD', {
      user_id: ALICE,
      channel_id: discord.channelId,
      message_id: original.id,
      guild_id: discord.guildId,
      emoji: { id: '555000000000000001', name: 'party', animated: false },
    });
    discord.dispatch('TYPING_START', {
      user_id: ALICE,
      channel_id: discord.channelId,
      guild_id: discord.guildId,
      timestamp: Math.floor(Date.now() / 1000),
    });
    discord.dispatch('MESSAGE_DELETE', {
      id: original.id,
      channel_id: discord.channelId,
      guild_id: discord.guildId,
    });
    await kit.until(() => kit.events.length >= 6);
    expect(kit.events.map((e) => e.kind)).toEqual([
      'message',
      'edit',
      'reaction',
      'reaction',
      'typing',
      'delete',
    ]);
    expect(kit.events[1]).toMatchObject({ target: original.id, content: { text: 'fixed' } });
    expect(kit.events[2]).toMatchObject({ key: '👍' });
    expect(kit.events[3]).toMatchObject({
      key: '<:party:555000000000000001>',
      emoji: {
        id: '555000000000000001',
        name: 'party',
        url: `${discord.url}/cdn/emojis/555000000000000001.png`,
      },
    });
    expect(kit.events[5]).toMatchObject({ target: original.id });
  });

  it('bridges DMs to the bot and thread messages with their thread root', async () => {
    await start([discord.channelId]);
    // Real Discord sends channel_type on DM messages; discord.js needs it to make the partial DM channel.
    const dm = {
      ...discord.message('200000000000000077', ALICE, 'psst'),
      guild_id: undefined,
      channel_type: 1,
    };
    discord.dispatch('MESSAGE_CREATE', dm);
    const root = discord.message(discord.channelId, ALICE, 'root');
    discord.dispatch('THREAD_CREATE', {
      id: root.id,
      type: 11,
      guild_id: discord.guildId,
      parent_id: discord.channelId,
      name: 'a thread',
      thread_metadata: {
        archived: false,
        locked: false,
        auto_archive_duration: 60,
        archive_timestamp: new Date().toISOString(),
      },
      newly_created: true,
    });
    discord.dispatch('MESSAGE_CREATE', discord.message(root.id as string, ALICE, 'in thread'));
    await kit.until(() => kit.events.length >= 3);
    // Chats are independent queues: only the order within a chat is kept.
    const ofChat = (chat: unknown) => kit.events.filter((e) => e.chat === chat);
    expect(ofChat('200000000000000077')).toMatchObject([
      { kind: 'message', sender: ALICE, content: { text: 'psst' } },
    ]);
    expect(ofChat(root.id)).toMatchObject([
      { kind: 'chat_info', info: { kind: 'thread', parent: discord.channelId, threadRoot: root.id } },
      { kind: 'message', content: { text: 'in thread', threadRoot: root.id } },
    ]);
  });

  it('catches up on messages posted after the newest bridged one', async () => {
    const seen = discord.message(discord.channelId, ALICE, 'already bridged');
    const missed1 = discord.message(discord.channelId, ALICE, 'missed 1');
    const missed2 = discord.message(discord.channelId, ALICE, 'missed 2');
    discord.history.set(discord.channelId, [missed2, missed1, seen]);
    kit = new RecordingKit();
    kit.last.set(discord.channelId, seen.id as string);
    connector = createDiscordConnector();
    await connector.start(
      kit,
      discordNetworkSchema.parse({
        token: 't',
        api_base_url: `${discord.url}/api`,
        guilds: [{ id: discord.guildId, channels: [discord.channelId] }],
      }),
    );
    await kit.until(() => kit.events.length >= 2, 10_000);
    expect(kit.events.map((e) => e.kind === 'message' && e.content.text)).toEqual(['missed 1', 'missed 2']);
    discord.history.clear();
  });
});
