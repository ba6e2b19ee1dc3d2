import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * The smallest Discord discord.js will log in to: GET /gateway/bot, a gateway that answers
 * IDENTIFY with READY + one GUILD_CREATE, and GET /channels/{id}/messages for catch-up. Used by
 * this bridge's own gateway-side specs; test/fakes/discord is the full fake for end-to-end tests.
 */
export class MiniGateway {
  readonly botId = '900000000000000001';
  readonly appId = '900000000000000002';
  readonly guildId = '100000000000000001';
  readonly channelId = '200000000000000001';
  readonly otherChannelId = '200000000000000009';
  /** Messages GET /channels/{id}/messages serves (newest first, as Discord does). */
  readonly history = new Map<string, object[]>();
  private server!: Server;
  private wss!: WebSocketServer;
  private sockets = new Set<WebSocket>();
  private seq = 1;
  private nextId = 800000000000000000n;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.rest(req, res));
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (ws) => this.gateway(ws));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  id(): string {
    return String(this.nextId++);
  }

  user(id: string, name: string): object {
    return { id, username: name, global_name: name, avatar: null, discriminator: '0' };
  }

  message(channel: string, author: string, content: string, extra: object = {}): Record<string, unknown> {
    return {
      id: this.id(),
      channel_id: channel,
      guild_id: this.guildId,
      author: this.user(author, `user${author.slice(-2)}`),
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: content.includes('@everyone'),
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      ...extra,
    };
  }

  dispatch(t: string, d: object): void {
    const payload = JSON.stringify({ op: 0, t, s: ++this.seq, d });
    for (const ws of this.sockets) ws.send(payload);
  }

  private channel(id: string, name: string): object {
    return {
      id,
      type: 0,
      guild_id: this.guildId,
      name,
      position: 0,
      permission_overwrites: [],
      topic: `about ${name}`,
    };
  }

  private gateway(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 40_000 } }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number };
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      if (msg.op !== 2) return;
      const send = (t: string, d: object) => ws.send(JSON.stringify({ op: 0, t, s: ++this.seq, d }));
      send('READY', {
        v: 10,
        user: { ...this.user(this.botId, 'bridgebot'), bot: true },
        guilds: [{ id: this.guildId, unavailable: true }],
        session_id: 'session',
        resume_gateway_url: this.url.replace('http', 'ws'),
        application: { id: this.appId, flags: 0 },
      });
      send('GUILD_CREATE', {
        id: this.guildId,
        name: 'Test Guild',
        icon: null,
        owner_id: this.botId,
        roles: [
          {
            id: this.guildId,
            name: '@everyone',
            permissions: '0',
            position: 0,
            color: 0,
            hoist: false,
            managed: false,
            mentionable: false,
          },
        ],
        emojis: [],
        stickers: [],
        features: [],
        channels: [this.channel(this.channelId, 'general'), this.channel(this.otherChannelId, 'random')],
        threads: [],
        members: [],
        member_count: 1,
        presences: [],
        voice_states: [],
        joined_at: new Date().toISOString(),
        large: false,
        unavailable: false,
      });
    });
  }

  private rest(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const json = (status: number, body: unknown): void =>
      void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (path === '/gateway/bot') {
      return json(200, {
        url: this.url.replace('http', 'ws'),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    const m = /^\/channels\/(\d+)\/messages$/.exec(path);
    if (m && req.method === 'GET') {
      const after = BigInt(url.searchParams.get('after') ?? '0');
      const limit = Number(url.searchParams.get('limit') ?? 50);
      const newer = (this.history.get(m[1]) ?? []).filter((x) => BigInt((x as { id: string }).id) > after);
      return json(200, newer.slice(-limit));
    }
    json(404, { message: 'Unknown', code: 0 });
  }
}
