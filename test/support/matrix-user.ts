import { Json } from './http';

/** One event as a user's /sync gave it, with where it was in the response. */
export interface Synced {
  roomId: string;
  section: 'timeline' | 'state' | 'ephemeral' | 'invite' | 'leave';
  event: Json;
}

const SECTIONS_OF_JOINED = [
  ['timeline', (room: Json) => room.timeline?.events],
  ['state', (room: Json) => room.state?.events],
  ['ephemeral', (room: Json) => room.ephemeral?.events],
] as const;

/**
 * A registered user of a server reached over plain HTTP (fetch, no in-process access), with a
 * /sync loop of its own: until() keeps syncing from the last token and remembers everything seen,
 * so a test waits for "this event reached that user" however many syncs it takes.
 */
export class MatrixUser {
  private since?: string;
  private readonly seen: Synced[] = [];

  private constructor(
    readonly baseUrl: string,
    readonly userId: string,
    private readonly token: string,
  ) {}

  /** POST /register with the m.login.dummy stage. */
  static async register(baseUrl: string, localpart: string): Promise<MatrixUser> {
    const body = { username: localpart, password: 'correct horse battery' };
    const post = (extra: object) =>
      fetch(`${baseUrl}/_matrix/client/v3/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, ...extra }),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as Json }));
    const challenge = await post({});
    const done = await post({ auth: { type: 'm.login.dummy', session: challenge.body.session } });
    if (done.status !== 200) throw new Error(`registering ${localpart}: ${JSON.stringify(done.body)}`);
    return new MatrixUser(baseUrl, done.body.user_id, done.body.access_token);
  }

  async request(method: string, path: string, body?: object): Promise<{ status: number; body: Json }> {
    const res = await fetch(`${this.baseUrl}/_matrix/client/v3${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  /** A request that must answer 200; its body. */
  async ok(method: string, path: string, body?: object): Promise<Json> {
    const res = await this.request(method, path, body);
    if (res.status !== 200)
      throw new Error(`${this.userId} ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  async createRoom(body: object): Promise<string> {
    return (await this.ok('POST', '/createRoom', body)).room_id;
  }

  async join(roomId: string, via: string[] = []): Promise<void> {
    const query = via.map((s) => `via=${encodeURIComponent(s)}`).join('&');
    await this.ok('POST', `/join/${encodeURIComponent(roomId)}${query ? `?${query}` : ''}`, {});
  }

  /** A membership change of another user (invite, kick, ban) or of this one (leave). */
  async membership(roomId: string, action: 'invite' | 'kick' | 'ban' | 'leave', userId?: string) {
    await this.ok(
      'POST',
      `/rooms/${encodeURIComponent(roomId)}/${action}`,
      userId ? { user_id: userId } : {},
    );
  }

  async send(roomId: string, type: string, content: object): Promise<string> {
    const txnId = `t${Date.now()}${Math.random().toString(36).slice(2)}`;
    const path = `/rooms/${encodeURIComponent(roomId)}/send/${encodeURIComponent(type)}/${txnId}`;
    return (await this.ok('PUT', path, content)).event_id;
  }

  async state(roomId: string, type: string, stateKey: string, content: object): Promise<string> {
    const path = `/rooms/${encodeURIComponent(roomId)}/state/${encodeURIComponent(type)}/${encodeURIComponent(stateKey)}`;
    return (await this.ok('PUT', path, content)).event_id;
  }

  async typing(roomId: string, typing: boolean): Promise<void> {
    const path = `/rooms/${encodeURIComponent(roomId)}/typing/${encodeURIComponent(this.userId)}`;
    await this.ok('PUT', path, typing ? { typing, timeout: 30000 } : { typing });
  }

  async receipt(roomId: string, eventId: string): Promise<void> {
    const path = `/rooms/${encodeURIComponent(roomId)}/receipt/m.read/${encodeURIComponent(eventId)}`;
    await this.ok('POST', path, {});
  }

  /** GET /rooms/{roomId}/messages. */
  async messages(roomId: string, query: Record<string, string | number>): Promise<Json> {
    const qs = new URLSearchParams(
      Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
    return this.ok('GET', `/rooms/${encodeURIComponent(roomId)}/messages?${qs}`);
  }

  /** Syncs until something seen matches; throws naming `what` after `timeoutMs`. */
  async until(what: string, match: (item: Synced) => boolean, timeoutMs = 15000): Promise<Synced> {
    const started = Date.now();
    for (;;) {
      const found = this.seen.find(match);
      if (found) return found;
      if (Date.now() - started > timeoutMs) throw new Error(`${this.userId} timed out waiting for ${what}`);
      await this.syncOnce();
    }
  }

  private async syncOnce(): Promise<void> {
    const query = this.since ? `?timeout=1000&since=${encodeURIComponent(this.since)}` : '';
    const body = await this.ok('GET', `/sync${query}`);
    this.since = body.next_batch;
    const rooms = body.rooms ?? {};
    for (const [roomId, room] of Object.entries<Json>(rooms.join ?? {})) {
      for (const [section, events] of SECTIONS_OF_JOINED) this.remember(roomId, section, events(room));
    }
    for (const [roomId, room] of Object.entries<Json>(rooms.invite ?? {})) {
      this.remember(roomId, 'invite', room.invite_state?.events);
    }
    for (const [roomId, room] of Object.entries<Json>(rooms.leave ?? {})) {
      this.remember(roomId, 'leave', [...(room.state?.events ?? []), ...(room.timeline?.events ?? [])]);
    }
  }

  private remember(roomId: string, section: Synced['section'], events: Json[] | undefined): void {
    for (const event of events ?? []) this.seen.push({ roomId, section, event });
  }
}
