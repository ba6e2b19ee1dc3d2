import type { Logger } from 'pino';
import { EventId, RoomId, UserMxid } from '../ids';
import { HomeserverClient, MatrixApiError } from './homeserver-client.port';

export interface HomeserverClientOptions {
  /** The homeserver's client-server API as the bridge reaches it, e.g. http://127.0.0.1:8008. */
  baseUrl: string;
  asToken: string;
  botMxid: UserMxid;
  log: Logger;
  /** Where anyone can fetch media (unauthenticated v3 download), for remote avatars; none if absent. */
  publicBaseUrl?: string;
  /** The registration's `id`: ping() then uses the spec's appservice ping, else whoami. */
  appserviceId?: string;
  /** Backoff before the n-th retry is baseMs * 2^n (tests make it small). */
  retry?: { attempts: number; baseMs: number };
}

interface RequestOptions {
  as?: UserMxid;
  query?: Record<string, string | undefined>;
  json?: object;
  raw?: { data: Buffer; contentType: string };
}

const CS = '/_matrix/client/v3';
/** A homeserver asking to wait longer than this is treated as an error, not waited for. */
const MAX_RETRY_AFTER_MS = 60_000;

/** The client-server API as the application service (`as_token`, `?user_id=` to act as a user). */
export function createHomeserverClient(opts: HomeserverClientOptions): HomeserverClient {
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const { attempts, baseMs } = opts.retry ?? { attempts: 4, baseMs: 250 };
  const log = opts.log;
  const p = encodeURIComponent;

  const fetchOnce = async (method: string, path: string, req: RequestOptions): Promise<Response> => {
    const url = new URL(baseUrl + path);
    // "user_id" is omitted for the bot: the as_token alone means the sender_localpart user.
    if (req.as !== undefined && req.as !== opts.botMxid) url.searchParams.set('user_id', req.as);
    for (const [key, value] of Object.entries(req.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { Authorization: `Bearer ${opts.asToken}` };
    let body: string | Buffer | undefined;
    if (req.raw) {
      headers['Content-Type'] = req.raw.contentType;
      body = req.raw.data;
    } else if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(req.json);
    }
    return fetch(url, { method, headers, body });
  };

  /** Retries network failures, 429 M_LIMIT_EXCEEDED (after retry_after_ms) and 5xx; the rest throws. */
  const send = async (method: string, path: string, req: RequestOptions = {}): Promise<Response> => {
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= attempts;
      let res: Response;
      try {
        res = await fetchOnce(method, path, req);
      } catch (err) {
        if (last)
          throw new MatrixApiError(0, 'M_CONNECTION_FAILED', `${method} ${path}: ${(err as Error).message}`);
        log.warn({ err, method, path, attempt }, 'homeserver unreachable, retrying');
        await sleep(baseMs * 2 ** attempt);
        continue;
      }
      if (res.ok) return res;
      const error = await apiError(res, method, path);
      const retryAfter =
        res.status === 429
          ? (error.retryAfterMs ?? baseMs * 2 ** attempt)
          : res.status >= 500
            ? baseMs * 2 ** attempt
            : null;
      if (retryAfter === null || last || retryAfter > MAX_RETRY_AFTER_MS) throw error;
      log.warn(
        { status: res.status, errcode: error.errcode, method, path, attempt },
        'homeserver asked to retry',
      );
      await sleep(retryAfter);
    }
  };

  const json = async <T>(method: string, path: string, req?: RequestOptions): Promise<T> =>
    (await (await send(method, path, req)).json()) as T;

  /** null for 404 M_NOT_FOUND, the value otherwise. */
  const orNull = async <T>(call: Promise<T>): Promise<T | null> => {
    try {
      return await call;
    } catch (err) {
      if (err instanceof MatrixApiError && err.status === 404) return null;
      throw err;
    }
  };

  const mxcParts = (mxc: string): { server: string; id: string } => {
    const match = /^mxc:\/\/([^/]+)\/([^/?#]+)$/.exec(mxc);
    if (!match) throw new MatrixApiError(400, 'M_INVALID_PARAM', `not an mxc:// URI: ${mxc}`);
    return { server: match[1], id: match[2] };
  };

  return {
    async ensureRegistered(localpart) {
      try {
        await send('POST', `${CS}/register`, {
          json: { type: 'm.login.application_service', username: localpart, inhibit_login: true },
        });
      } catch (err) {
        if (err instanceof MatrixApiError && err.errcode === 'M_USER_IN_USE') return;
        throw err;
      }
    },
    async whoami(as) {
      return (await json<{ user_id: string }>('GET', `${CS}/account/whoami`, { as })).user_id;
    },
    async ping() {
      if (opts.appserviceId === undefined) {
        await json('GET', `${CS}/account/whoami`);
        return;
      }
      await json('POST', `/_matrix/client/v1/appservice/${p(opts.appserviceId)}/ping`, { json: {} });
    },

    async setDisplayName(as, name) {
      await json('PUT', `${CS}/profile/${p(as)}/displayname`, { as, json: { displayname: name } });
    },
    async setAvatarUrl(as, mxc) {
      await json('PUT', `${CS}/profile/${p(as)}/avatar_url`, { as, json: { avatar_url: mxc } });
    },
    async getProfile(user) {
      return (
        (await orNull(
          json<{ displayname?: string; avatar_url?: string }>('GET', `${CS}/profile/${p(user)}`),
        )) ?? {}
      );
    },

    async createRoom(as, body) {
      return (await json<{ room_id: RoomId }>('POST', `${CS}/createRoom`, { as, json: body })).room_id;
    },
    async join(as, roomIdOrAlias) {
      return (await json<{ room_id: RoomId }>('POST', `${CS}/join/${p(roomIdOrAlias)}`, { as, json: {} }))
        .room_id;
    },
    async invite(as, roomId, user) {
      await json('POST', `${CS}/rooms/${p(roomId)}/invite`, { as, json: { user_id: user } });
    },
    async leave(as, roomId) {
      await json('POST', `${CS}/rooms/${p(roomId)}/leave`, { as, json: {} });
    },
    async kick(as, roomId, user, reason) {
      await json('POST', `${CS}/rooms/${p(roomId)}/kick`, {
        as,
        json: { user_id: user, ...(reason ? { reason } : {}) },
      });
    },
    async resolveAlias(alias) {
      const found = await orNull(json<{ room_id: RoomId }>('GET', `${CS}/directory/room/${p(alias)}`));
      return found?.room_id ?? null;
    },
    async joinedMembers(roomId) {
      type Members = Record<UserMxid, { display_name?: string; avatar_url?: string }>;
      return (await json<{ joined: Members }>('GET', `${CS}/rooms/${p(roomId)}/joined_members`)).joined;
    },

    async sendEvent(as, roomId, type, content, txnId, ts) {
      // `ts` is the application service "timestamp massaging" parameter: the remote message's time.
      const path = `${CS}/rooms/${p(roomId)}/send/${p(type)}/${p(txnId)}`;
      const query = { ts: ts === undefined ? undefined : String(ts) };
      return (await json<{ event_id: EventId }>('PUT', path, { as, json: content, query })).event_id;
    },
    async sendState(as, roomId, type, stateKey, content) {
      const path = `${CS}/rooms/${p(roomId)}/state/${p(type)}/${p(stateKey)}`;
      return (await json<{ event_id: EventId }>('PUT', path, { as, json: content })).event_id;
    },
    async getState(roomId, type, stateKey) {
      return orNull(
        json<Record<string, unknown>>('GET', `${CS}/rooms/${p(roomId)}/state/${p(type)}/${p(stateKey)}`),
      );
    },
    async getEvent(roomId, eventId) {
      return orNull(json<Record<string, unknown>>('GET', `${CS}/rooms/${p(roomId)}/event/${p(eventId)}`));
    },
    async redact(as, roomId, eventId, txnId, reason) {
      const path = `${CS}/rooms/${p(roomId)}/redact/${p(eventId)}/${p(txnId)}`;
      return (await json<{ event_id: EventId }>('PUT', path, { as, json: reason ? { reason } : {} }))
        .event_id;
    },
    async setTyping(as, roomId, typing, timeoutMs = 30_000) {
      const body = typing ? { typing, timeout: timeoutMs } : { typing };
      await json('PUT', `${CS}/rooms/${p(roomId)}/typing/${p(as)}`, { as, json: body });
    },
    async sendReadReceipt(as, roomId, eventId) {
      await json('POST', `${CS}/rooms/${p(roomId)}/receipt/m.read/${p(eventId)}`, { as, json: {} });
    },

    async uploadMedia(as, data, mimetype, filename) {
      const res = await json<{ content_uri: string }>('POST', '/_matrix/media/v3/upload', {
        as,
        query: { filename },
        raw: { data, contentType: mimetype },
      });
      return res.content_uri;
    },
    async downloadMedia(mxc) {
      const { server, id } = mxcParts(mxc);
      const res = await send('GET', `/_matrix/client/v1/media/download/${p(server)}/${p(id)}`);
      return {
        data: Buffer.from(await res.arrayBuffer()),
        mimetype: res.headers.get('content-type') ?? 'application/octet-stream',
      };
    },
    publicMediaUrl(mxc) {
      if (!opts.publicBaseUrl) return null;
      const { server, id } = mxcParts(mxc);
      return `${opts.publicBaseUrl.replace(/\/+$/, '')}/_matrix/media/v3/download/${p(server)}/${p(id)}`;
    },
  };
}

async function apiError(res: Response, method: string, path: string): Promise<MatrixApiError> {
  let body: { errcode?: unknown; error?: unknown; retry_after_ms?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // Not a Matrix error body (a proxy's HTML page): the status says enough.
  }
  const errcode = typeof body.errcode === 'string' ? body.errcode : 'M_UNKNOWN';
  const message = typeof body.error === 'string' ? body.error : `${method} ${path} failed`;
  const retryAfterMs = typeof body.retry_after_ms === 'number' ? body.retry_after_ms : retryAfterHeader(res);
  return new MatrixApiError(res.status, errcode, message, retryAfterMs);
}

function retryAfterHeader(res: Response): number | undefined {
  const seconds = Number(res.headers.get('retry-after'));
  return res.headers.has('retry-after') && Number.isFinite(seconds) ? seconds * 1000 : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
