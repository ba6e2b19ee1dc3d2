import {
  Client,
  Events,
  GatewayIntentBits,
  WebhookClient,
  type Message,
  type MessageReaction,
} from 'discord.js';
import { startFakeDiscord, type FakeDiscord } from './fake-discord';

const GUILD = '2000000000000000001';
const CHANNEL = '2000000000000000002';
const ALICE = '2000000000000000003';

/** An unmodified discord.js Client against the fake: login, events, REST, webhooks, 429s, bad tokens. */
describe('fake Discord', () => {
  let fake: FakeDiscord;
  let client: Client;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    fake.addGuild({ id: GUILD, name: 'Fake Guild' });
    fake.addChannel({ id: CHANNEL, guildId: GUILD, name: 'general' });
    fake.addUser({ id: ALICE, username: 'alice' });
    fake.addMember(GUILD, ALICE, 'Alice A.');
    client = new Client({
      intents: [
        GatewayIntentBits.Guilds,
        GatewayIntentBits.GuildMessages,
        GatewayIntentBits.MessageContent,
        GatewayIntentBits.GuildMessageReactions,
      ],
      rest: { api: fake.restUrl, cdn: fake.cdnUrl },
    });
    const ready = new Promise((resolve) => client.once(Events.ClientReady, resolve));
    await client.login(fake.botToken);
    await ready;
  });

  afterAll(async () => {
    await client.destroy();
    await fake.close();
  });

  it('logs in and receives GUILD_CREATE with channels and members', () => {
    const guild = client.guilds.cache.get(GUILD);
    expect(guild?.name).toBe('Fake Guild');
    expect(guild?.channels.cache.get(CHANNEL)?.name).toBe('general');
    expect(guild?.members.cache.get(ALICE)?.nickname).toBe('Alice A.');
    expect(client.user?.id).toBe(fake.botUser.id);
  });

  it('dispatches MESSAGE_CREATE with member and attachments served by the CDN', async () => {
    const received = new Promise<Message>((resolve) => client.once(Events.MessageCreate, resolve));
    fake.userSays(CHANNEL, ALICE, 'hello', {
      attachments: [{ filename: 'a.txt', data: Buffer.from('bytes'), contentType: 'text/plain' }],
    });
    const message = await received;
    expect(message.content).toBe('hello');
    expect(message.member?.displayName).toBe('Alice A.');
    const url = message.attachments.first()?.url ?? '';
    expect(url.startsWith(fake.cdnUrl)).toBe(true);
    expect(await (await fetch(url)).text()).toBe('bytes');
  });

  it('records a sent message with files and stores it', async () => {
    const channel = await client.channels.fetch(CHANNEL);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const sent = await channel.send({
      content: 'from bot',
      files: [{ attachment: Buffer.from('x'), name: 'x.bin' }],
    });
    expect(sent.author.id).toBe(fake.botUser.id);
    const call = fake.calls.find((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages`);
    expect(call?.multipart?.payload_json).toMatchObject({ content: 'from bot' });
    expect(call?.multipart?.files[0]).toMatchObject({ filename: 'x.bin', data: Buffer.from('x') });
    expect(fake.messages(CHANNEL).at(-1)?.content).toBe('from bot');
  });

  it('executes a webhook with ?wait=true and dispatches MESSAGE_CREATE with webhook_id', async () => {
    const channel = await client.channels.fetch(CHANNEL);
    if (!channel || !('createWebhook' in channel)) throw new Error('no webhooks');
    const hook = await channel.createWebhook({ name: 'Switchboard' });
    const webhook = new WebhookClient({ id: hook.id, token: hook.token! }, { rest: { api: fake.restUrl } });
    const received = new Promise<Message>((resolve) => client.once(Events.MessageCreate, resolve));
    const sent = await webhook.send({ content: 'puppet', username: 'Bob' });
    const message = await received;
    expect(message.webhookId).toBe(hook.id);
    expect(message.author.username).toBe('Bob');
    const edited = await webhook.editMessage(sent.id, { content: 'edited' });
    expect(edited.content).toBe('edited');
    await webhook.deleteMessage(sent.id);
    expect(fake.messages(CHANNEL).some((m) => m.id === sent.id)).toBe(false);
    webhook.destroy();
  });

  it('answers 429 with rate-limit headers and discord.js retries', async () => {
    fake.failNext(`POST /channels/${CHANNEL}/typing`, 1, { status: 429, retryAfter: 0.05 });
    const channel = await client.channels.fetch(CHANNEL);
    if (!channel?.isSendable()) throw new Error('not sendable');
    await channel.sendTyping();
    const typing = fake.calls.filter((c) => c.path === `/channels/${CHANNEL}/typing`);
    expect(typing).toHaveLength(2);
  });

  it('refuses a bad token with 401', async () => {
    const response = await fetch(`${fake.restUrl}/v10/users/@me`, { headers: { authorization: 'Bot nope' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ code: 0, message: '401: Unauthorized' });
  });

  it('answers unknown routes with 404', async () => {
    const response = await fetch(`${fake.restUrl}/v10/nope`, {
      headers: { authorization: `Bot ${fake.botToken}` },
    });
    expect(response.status).toBe(404);
  });
  it('refuses a discord.js login with a bad token', async () => {
    const intruder = new Client({ intents: [], rest: { api: fake.restUrl } });
    await expect(intruder.login('wrong-token')).rejects.toThrow();
    await intruder.destroy();
  });

  it('dispatches reactions and serves history with after/limit', async () => {
    const first = fake.userSays(CHANNEL, ALICE, 'one');
    const second = fake.userSays(CHANNEL, ALICE, 'two');
    fake.userSays(CHANNEL, ALICE, 'three');
    const reacted = new Promise<MessageReaction>((resolve) =>
      client.once(Events.MessageReactionAdd, (reaction) => resolve(reaction as MessageReaction)),
    );
    fake.react(CHANNEL, String(second.id), ALICE, '👍');
    expect((await reacted).emoji.name).toBe('👍');
    const channel = await client.channels.fetch(CHANNEL);
    if (!channel?.isTextBased()) throw new Error('not text');
    const page = await channel.messages.fetch({ after: String(first.id), limit: 1, cache: false });
    expect([...page.values()].map((m) => m.content)).toEqual(['two']);
  });

  it('resumes after disconnect() and replays events sent while disconnected', async () => {
    const resumed = new Promise((resolve) => client.once(Events.ShardResume, resolve));
    const received = new Promise<Message>((resolve) => client.once(Events.MessageCreate, resolve));
    fake.disconnect();
    fake.userSays(CHANNEL, ALICE, 'while away');
    await resumed;
    expect((await received).content).toBe('while away');
  }, 5_000);

  it('opens DMs and starts threads from messages', async () => {
    const dm = await client.users.createDM(ALICE);
    expect(fake.messages(dm.id)).toEqual([]);
    const channel = await client.channels.fetch(CHANNEL);
    if (!channel?.isSendable()) throw new Error('not sendable');
    const root = await channel.send('root');
    const thread = await root.startThread({ name: 'talk' });
    expect(thread.id).toBe(root.id);
    await thread.send('in thread');
    expect(fake.messages(thread.id).map((m) => m.content)).toEqual(['in thread']);
  });
});
