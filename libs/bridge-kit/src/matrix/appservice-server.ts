import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { AppserviceHandler, AppserviceServer, MatrixEphemeral, MatrixEvent } from './appservice-server.port';

const MAX_BODY_BYTES = 50 * 1024 * 1024;
/** How many acknowledged transaction IDs are remembered; the handler dedupes durably beyond that. */
const REMEMBERED_TXNS = 1000;

export interface AppserviceServerOptions {
  hsToken: string;
  handler: AppserviceHandler;
  log: Logger;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
  ) {
    super(message);
  }
}

type Route = (req: IncomingMessage, param: string) => Promise<object>;

/** The homeserver -> application service API on node:http, with the legacy unprefixed paths too. */
export function createAppserviceServer(opts: AppserviceServerOptions): AppserviceServer {
  const { handler, log } = opts;
  const acknowledged = new Set<string>();
  const inFlight = new Map<string, Promise<void>>();

  const transaction = async (req: IncomingMessage, txnId: string): Promise<object> => {
    const body = await readJson(req);
    const events = body.events;
    if (!Array.isArray(events)) throw new HttpError(400, 'M_BAD_JSON', '"events" must be a list');
    // MSC2409 ephemeral events, under the stable or the unstable key; to-device messages are not used.
    const ephemeral = body.ephemeral ?? body['de.sorunome.msc2409.ephemeral'] ?? [];
    if (!Array.isArray(ephemeral)) throw new HttpError(400, 'M_BAD_JSON', '"ephemeral" must be a list');
    // A retry after a lost 200: "If the AS had processed these events already, it can NO-OP this
    // request (and it knows if it is the same events based on the transaction ID)".
    if (acknowledged.has(txnId)) return {};
    let running = inFlight.get(txnId);
    if (!running) {
      running = handler.onTransaction(txnId, events as MatrixEvent[], ephemeral as MatrixEphemeral[]);
      inFlight.set(txnId, running);
    }
    try {
      await running;
    } finally {
      inFlight.delete(txnId);
    }
    acknowledged.add(txnId);
    if (acknowledged.size > REMEMBERED_TXNS)
      acknowledged.delete(acknowledged.values().next().value as string);
    return {};
  };

  const exists =
    (check: (id: string) => Promise<boolean>, what: string) => async (_req: IncomingMessage, id: string) => {
      if (await check(id)) return {};
      throw new HttpError(404, 'M_NOT_FOUND', `no such ${what}`);
    };

  const notFound = (what: string) => async (): Promise<object> => {
    throw new HttpError(404, 'M_NOT_FOUND', `no ${what} found`);
  };

  const routes: Record<string, Route> = {
    'PUT transactions': transaction,
    'GET users': exists((id) => handler.onUserQuery(id), 'user'),
    'GET rooms': exists((alias) => handler.onAliasQuery(alias), 'room alias'),
    'POST ping': async (req) => {
      await readJson(req);
      return {};
    },
    // This bridge offers no third-party lookups; the spec answers a search that finds nothing 404
    // ("No mappings were found with the given parameters"), as it does an unknown protocol.
    'GET thirdparty/protocol': notFound('protocol'),
    'GET thirdparty/user': notFound('third-party user'),
    'GET thirdparty/location': notFound('third-party location'),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://appservice');
    const path = url.pathname.startsWith('/_matrix/app/v1/')
      ? url.pathname.slice('/_matrix/app/v1'.length)
      : url.pathname;
    const match =
      /^\/(transactions|users|rooms|ping|thirdparty\/(?:protocol|user|location))(?:\/([^/]+))?$/.exec(path);
    if (!match) throw new HttpError(404, 'M_UNRECOGNIZED', 'unrecognised request');
    checkToken(req, url, opts.hsToken);
    const route = routes[`${req.method} ${match[1]}`];
    if (!route) throw new HttpError(405, 'M_UNRECOGNIZED', 'method not allowed');
    const param = match[2] === undefined ? '' : decodeURIComponent(match[2]);
    if (param === '' && ['transactions', 'users', 'rooms'].includes(match[1])) {
      throw new HttpError(404, 'M_UNRECOGNIZED', 'unrecognised request');
    }
    send(res, 200, await route(req, param));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) {
        if (err.status === 413) res.setHeader('Connection', 'close');
        send(res, err.status, { errcode: err.errcode, error: err.message });
        return;
      }
      // A handler failure is answered 500 (or the status it carries, e.g. 503 while starting) so the
      // homeserver retries the transaction later; details stay in the log.
      const status = statusOf(err);
      log.error({ err, url: req.url }, 'application service request failed');
      send(res, status, { errcode: 'M_UNKNOWN', error: 'the bridge could not handle the request' });
    });
  });

  return {
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/**
 * "Application services MUST verify that the provided Bearer token matches their known hs_token,
 * failing the request with an M_FORBIDDEN error if it does not match"; the legacy `access_token`
 * query parameter is accepted too, and "Application services should ensure both match if both are
 * provided". No token at all is 401.
 */
function checkToken(req: IncomingMessage, url: URL, hsToken: string): void {
  const header = req.headers.authorization;
  const bearer = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
  const query = url.searchParams.get('access_token') ?? undefined;
  const given = [bearer, query].filter((t): t is string => t !== undefined);
  if (given.length === 0) throw new HttpError(401, 'M_UNAUTHORIZED', 'missing hs_token');
  if (!given.every((token) => sameToken(token, hsToken)))
    throw new HttpError(403, 'M_FORBIDDEN', 'wrong hs_token');
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, 'M_TOO_LARGE', 'request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'M_TOO_LARGE', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'M_NOT_JSON', 'the body is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'M_BAD_JSON', 'the body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

function statusOf(err: unknown): number {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 500 && status <= 599 ? status : 500;
}

function send(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
