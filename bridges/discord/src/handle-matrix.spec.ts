import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from 'discord.js';
import { PermanentBridgeError, RemoteRateLimited, type MatrixMessage } from '@switchboard/bridge-kit';
import { discordNetworkSchema } from './config.schema';
import { newDiscordClient } from './discord-client';
import { MatrixToDiscord } from './handle-matrix';
import { RecordingKit } from './testing/recording-kit';
import { WebhookCache } from './webhooks';

/**
 * Matrix -> Discord against a REST-only stub (the gateway is not needed to send): what the bridge
 * asks Discord for, and how it lives with 429s and 5xx. The full Discord fake (test/fakes/discord)
 * covers the gateway side in discord.connector.spec.ts.
 */
const GUILD = '100000000000000001';
const CHANNEL = '200000000000000001';
const THREAD = '200000000000000002';
const DM = '200000000000000003';

interface Call {
  method: string;
  path: string;
  query: string;
  body: string;
}

class RestStub {
  readonly calls: Call[] = [];
  /** Route prefix (METHOD path) -> statuses to answer before serving normally. */
  readonly faults = new Map<string, Array<{ status: number; retryAfter?: number }>>();
  private server!: Server;
  private nextId = 300000000000000000n;
  url = '';

  async start(): Promise<void> {
    this.server = createServer(
      (req, res) =>
        void this.handle(req).then(([status, body, headers]) => {
          if (status === 204) return void res.writeHead(204).end();
          res.writeHead(status, { 'content-type': 'application/json', ...headers });
          res.end(JSON.stringify(body));
        }),
    );
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private id(): string {
    return String(this.nextId++);
  }

  private async handle(req: IncomingMessage): Promise<[number, unknown, Record<string, string>?]> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://x');
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const method = req.method ?? 'GET';
    this.calls.push({ method, path, query: url.search, body: Buffer.concat(chunks).toString('utf8') });
    for (const [route, queue] of this.faults) {
      if (!`${method} ${path}`.startsWith(route) || queue.length === 0) continue;
      const fault = queue.shift()!;
      if (fault.status === 429) {
        const after = fault.retryAfter ?? 0.05;
        return [
          429,
          { message: 'You are being rate limited.', retry_after: after, global: false },
          { 'retry-after': String(after), 'x-ratelimit-scope': 'user' },
        ];
      }
      return [fault.status, { message: 'oops', code: 0 }];
    }
    const channels: Record<string, unknown> = {
      [CHANNEL]: { id: CHANNEL, type: 0, guild_id: GUILD, name: 'general' },
      [THREAD]: {
        id: THREAD,
        type: 11,
        guild_id: GUILD,
        parent_id: CHANNEL,
        name: 'topic',
        thread_metadata: {},
      },
      [DM]: { id: DM, type: 1, recipients: [{ id: '400000000000000001', username: 'carol' }] },
    };
    let m: RegExpExecArray | null;
    if ((m = /^\/channels\/(\d+)$/.exec(path)) && method === 'GET')
      return channels[m[1]] ? [200, channels[m[1]]] : [404, { message: 'Unknown Channel', code: 10003 }];
    if (/^\/channels\/\d+\/webhooks$/.test(path) && method === 'GET') return [200, []];
    if ((m = /^\/channels\/(\d+)\/webhooks$/.exec(path)))
      return [
        200,
        { id: '500000000000000001', token: 'hooktoken', name: 'Switchboard', channel_id: m[1], type: 1 },
      ];
    if ((m = /^\/webhooks\/\d+\/hooktoken$/.exec(path)))
      return [200, this.message(url.searchParams.get('thread_id') ?? CHANNEL)];
    if ((m = /^\/channels\/(\d+)\/messages$/.exec(path)) && method === 'POST')
      return [200, this.message(m[1])];
    if ((m = /^\/channels\/(\d+)\/messages\/(\d+)$/.exec(path)) && method === 'GET') {
      return [
        200,
        {
          ...this.message(m[1]),
          id: m[2],
          content: 'the original text',
          author: { id: '1', username: 'dave', global_name: 'Dave' },
        },
      ];
    }
    return [204, null];
  }

  private message(channel: string): object {
    return {
      id: this.id(),
      channel_id: channel,
      content: '',
      timestamp: new Date().toISOString(),
      author: { id: '1', username: 'x' },
    };
  }
}

function message(content: Partial<MatrixMessage['content']>, chat = CHANNEL): MatrixMessage {
  return {
    chat,
    roomId: '!room:example.test',
    eventId: '$event',
    sender: '@alice:example.test',
    senderName: 'Alice',
    senderAvatarUrl: 'https://example.test/_matrix/media/v3/download/example.test/avatar',
    content: {
      text: 'hello',
      msgtype: 'm.text',
      mentions: {},
      roomLinks: {},
      mentionsRoom: false,
      attachments: [],
      ...content,
    },
  };
}

describe('MatrixToDiscord', () => {
  const stub = new RestStub();
  let client: Client;
  let kit: RecordingKit;
  let toDiscord: MatrixToDiscord;

  beforeAll(() => stub.start());
  afterAll(() => stub.stop());
  beforeEach(() => {
    stub.calls.length = 0;
    stub.faults.clear();
    kit = new RecordingKit();
    client = newDiscordClient(discordNetworkSchema.parse({ token: 'bot-token', api_base_url: stub.url }));
    client.rest.setToken('bot-token');
    toDiscord = new MatrixToDiscord(kit, new WebhookCache('Switchboard'), () => client as Client<true>);
  });
  afterEach(() => client.destroy());

  const posts = () => stub.calls.filter((c) => c.method === 'POST');

  it('relays through a webhook it creates once, with the sender name, avatar and mentions', async () => {
    const sent = await toDiscord.sendMessage(
      message({
        text: 'hi Bob',
        html: 'hi <a href="https://matrix.to/#/@discord_42:example.test">Bob</a>',
        mentions: { '@discord_42:example.test': '42' },
      }),
    );
    await toDiscord.sendMessage(message({ text: 'again' }));
    expect(sent.ids).toHaveLength(1);
    expect(stub.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/webhooks'))).toHaveLength(1);
    const executes = posts().filter((c) => c.path.startsWith('/webhooks/'));
    expect(executes).toHaveLength(2);
    expect(executes[0].query).toContain('wait=true');
    const body = JSON.parse(executes[0].body) as Record<string, unknown>;
    expect(body).toMatchObject({
      username: 'Alice',
      avatar_url: 'https://example.test/_matrix/media/v3/download/example.test/avatar',
    });
    expect(body.content).toContain('<@42>');
    expect(body.allowed_mentions).toEqual({ parse: [], users: ['42'] });
  });

  it('quotes the replied-to message with a link, since webhooks cannot reply', async () => {
    await toDiscord.sendMessage(message({ text: 'yes', replyTo: '600000000000000001' }));
    const body = JSON.parse(posts().at(-1)!.body) as { content: string };
    expect(body.content).toMatch(
      /^> \*\*Dave\*\* \[↪\]\(<https:\/\/discord.com\/channels\/100000000000000001\/200000000000000001\/600000000000000001>\) the original text\nyes$/,
    );
  });

  it('posts into threads with thread_id through the parent channel webhook', async () => {
    await toDiscord.sendMessage(message({ text: 'in thread' }, THREAD));
    expect(stub.calls.some((c) => c.path === `/channels/${CHANNEL}/webhooks`)).toBe(true);
    expect(posts().at(-1)!.query).toContain(`thread_id=${THREAD}`);
  });

  it('sends DMs as the bot with the sender name in bold', async () => {
    await toDiscord.sendMessage(message({ text: 'psst' }, DM));
    const post = posts().at(-1)!;
    expect(post.path).toBe(`/channels/${DM}/messages`);
    expect((JSON.parse(post.body) as { content: string }).content).toBe('**Alice**: psst');
  });

  it('uploads attachments as multipart files', async () => {
    const data = Buffer.from('PNGDATA');
    await toDiscord.sendMessage(
      message({
        text: 'cat.png',
        msgtype: 'm.image',
        attachments: [{ kind: 'image', filename: 'cat.png', mimetype: 'image/png', url: 'mxc://x/y', data }],
      }),
    );
    const post = posts().at(-1)!;
    expect(post.body).toContain('name="files[0]"; filename="cat.png"');
    expect(post.body).toContain('PNGDATA');
    expect(post.body).toContain('payload_json');
  });

  it('edits and deletes relayed messages through the webhook, others as the bot', async () => {
    await toDiscord.editMessage({ ...message({ text: 'fixed' }), target: '700000000000000001' });
    expect(stub.calls.at(-1)).toMatchObject({
      method: 'PATCH',
      path: '/webhooks/500000000000000001/hooktoken/messages/700000000000000001',
    });
    kit.bridgeSent.add(`${CHANNEL}/700000000000000001`);
    await toDiscord.deleteMessage({ ...message({}), target: '700000000000000001' });
    expect(stub.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: '/webhooks/500000000000000001/hooktoken/messages/700000000000000001',
    });
    await toDiscord.deleteMessage({ ...message({}), target: '700000000000000002' });
    expect(stub.calls.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/channels/${CHANNEL}/messages/700000000000000002`,
    });
  });

  it('reacts and unreacts as the bot, and types', async () => {
    const sent = await toDiscord.react({ ...message({}), target: '700000000000000001', key: '👍' });
    expect(stub.calls.at(-1)).toMatchObject({
      method: 'PUT',
      path: `/channels/${CHANNEL}/messages/700000000000000001/reactions/${encodeURIComponent('👍')}/@me`,
    });
    await toDiscord.removeReaction({
      ...message({}),
      target: '700000000000000001',
      key: '👍',
      remoteReaction: sent.id,
    });
    expect(stub.calls.at(-1)).toMatchObject({ method: 'DELETE' });
    await toDiscord.setTyping({ chat: CHANNEL, sender: '@alice:example.test', typing: true });
    expect(stub.calls.at(-1)).toMatchObject({ method: 'POST', path: `/channels/${CHANNEL}/typing` });
    await expect(toDiscord.react({ ...message({}), target: '1', key: 'mxc://x/y' })).rejects.toBeInstanceOf(
      PermanentBridgeError,
    );
  });

  it('waits out a short 429 and retries 5xx inside discord.js', async () => {
    await toDiscord.sendMessage(message({ text: 'warm up' }));
    stub.faults.set('POST /webhooks/', [{ status: 429, retryAfter: 0.2 }, { status: 502 }, { status: 500 }]);
    const started = Date.now();
    const sent = await toDiscord.sendMessage(message({ text: 'delivered' }));
    expect(sent.ids).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(posts().filter((c) => c.path.startsWith('/webhooks/'))).toHaveLength(5);
  });

  it('hands a long 429 to the kit as RemoteRateLimited, and leftover 5xx as a retryable error', async () => {
    await toDiscord.sendMessage(message({ text: 'warm up' }));
    stub.faults.set('POST /webhooks/', [{ status: 429, retryAfter: 30 }]);
    const limited = await toDiscord.sendMessage(message({ text: 'x' })).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RemoteRateLimited);
    expect((limited as RemoteRateLimited).retryAfterMs).toBeGreaterThan(10_000);
    stub.faults.set(
      `POST /channels/${DM}/messages`,
      Array.from({ length: 5 }, () => ({ status: 503 })),
    );
    const failed = await toDiscord.sendMessage(message({ text: 'x' }, DM)).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(failed).not.toBeInstanceOf(PermanentBridgeError);
  });

  it('makes unknown channels permanent failures', async () => {
    await expect(toDiscord.sendMessage(message({}, '200000000000000099'))).rejects.toBeInstanceOf(
      PermanentBridgeError,
    );
  });
});
