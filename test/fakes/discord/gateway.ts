import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FakeState, Json } from './state';

/** Gateway v10 over `ws`: HELLO, IDENTIFY -> READY + GUILD_CREATE, heartbeat ACK, RESUME -> replay + RESUMED. */
export class FakeGateway {
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly identified = new Set<WebSocket>();
  /** Every dispatch sent, so RESUME can replay what a session missed. */
  private readonly log: { s: number; payload: string }[] = [];
  private seq = 0;
  private readonly sessionId = 'fake-session';

  constructor(
    server: Server,
    private readonly state: FakeState,
    private readonly botToken: string,
    private readonly botUser: Json,
    private readonly wsUrl: () => string,
  ) {
    this.wss = new WebSocketServer({ server });
    this.wss.on('connection', (ws) => this.accept(ws));
  }

  dispatch(t: string, d: unknown): void {
    const s = ++this.seq;
    const payload = JSON.stringify({ op: 0, t, s, d });
    this.log.push({ s, payload });
    for (const ws of this.identified) ws.send(payload);
  }

  /** Closes every socket with a resumable code; discord.js reconnects and resumes. */
  disconnect(): void {
    for (const ws of this.sockets) ws.close(4000, 'fake disconnect');
  }

  async close(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.identified.delete(ws);
    });
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { op: number; d: Json };
      if (msg.op === 1) ws.send(JSON.stringify({ op: 11 }));
      else if (msg.op === 2) this.identify(ws, msg.d);
      else if (msg.op === 6) this.resume(ws, msg.d);
    });
  }

  private checkToken(ws: WebSocket, token: unknown): boolean {
    if (String(token).replace(/^Bot /, '') === this.botToken) return true;
    ws.close(4004, 'Authentication failed.');
    return false;
  }

  private identify(ws: WebSocket, d: Json): void {
    if (!this.checkToken(ws, d.token)) return;
    this.identified.add(ws);
    this.dispatch('READY', {
      v: 10,
      user: this.botUser,
      guilds: [...this.state.guilds.keys()].map((id) => ({ id, unavailable: true })),
      session_id: this.sessionId,
      resume_gateway_url: this.wsUrl(),
      application: { id: this.botUser.id, flags: 0 },
    });
    for (const id of this.state.guilds.keys()) this.dispatch('GUILD_CREATE', this.state.guildCreate(id));
  }

  private resume(ws: WebSocket, d: Json): void {
    if (!this.checkToken(ws, d.token)) return;
    if (d.session_id !== this.sessionId) {
      ws.send(JSON.stringify({ op: 9, d: false }));
      return;
    }
    const since = Number(d.seq ?? 0);
    for (const entry of this.log) if (entry.s > since) ws.send(entry.payload);
    this.identified.add(ws);
    // RESUMED goes only to the resuming session; other sessions never see it.
    ws.send(JSON.stringify({ op: 0, t: 'RESUMED', s: ++this.seq, d: {} }));
  }
}
