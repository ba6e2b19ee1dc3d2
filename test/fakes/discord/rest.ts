import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeState, Json, RecordedCall, RecordedFile } from './state';

/** What a route handler answers with; `status` defaults to 200, 204 sends no body. */
export interface Reply {
  status?: number;
  body?: unknown;
}

export interface RouteContext {
  method: string;
  params: string[];
  query: URLSearchParams;
  body: Json;
  files: RecordedFile[];
}

export type Handler = (ctx: RouteContext) => Reply;
export type RouteMatcher = string | RegExp | ((method: string, path: string) => boolean);
export type Fault = { status: 429; retryAfter?: number } | { status: 500 | 502 };

interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** Routing, token check, fault injection and call recording for the REST side. */
export class RestRouter {
  readonly calls: RecordedCall[] = [];
  private readonly routes: Route[] = [];
  private readonly faults: { matcher: RouteMatcher; remaining: number; fault: Fault }[] = [];

  constructor(
    private readonly state: FakeState,
    private readonly botToken: string,
  ) {}

  add(method: string, pattern: string, handler: Handler): void {
    // `{x}` segments capture one path segment.
    const source = pattern.replace(/\{\w+\}/g, '([^/]+)');
    this.routes.push({ method, pattern: new RegExp(`^${source}$`), handler });
  }

  failNext(matcher: RouteMatcher, count: number, fault: Fault): void {
    this.faults.push({ matcher, remaining: count, fault });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    if (url.pathname.startsWith('/cdn/')) return this.cdn(url.pathname.slice('/cdn'.length), res);
    const path = url.pathname.replace(/^\/api\/v10/, '');
    const raw = await readBody(req);
    const call: RecordedCall = { method, path, query: Object.fromEntries(url.searchParams) };
    let body: Json = {};
    let files: RecordedFile[] = [];
    const type = req.headers['content-type'] ?? '';
    if (type.startsWith('multipart/form-data')) {
      ({ body, files } = await parseMultipart(raw, type));
      call.multipart = { payload_json: body, files };
    } else if (raw.length > 0) {
      body = JSON.parse(raw.toString('utf8')) as Json;
      call.json = body;
    }
    this.calls.push(call);

    const send = (status: number, payload?: unknown, headers: Record<string, string> = {}): void => {
      if (status === 204 || payload === undefined)
        return void res.writeHead(status === 200 ? 204 : status, headers).end();
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
    };

    const isWebhookExec = path.startsWith('/webhooks/') && path.split('/').length >= 4;
    if (!isWebhookExec && path !== '/gateway' && req.headers.authorization !== `Bot ${this.botToken}`) {
      return send(401, { code: 0, message: '401: Unauthorized' });
    }
    const fault = this.takeFault(method, path);
    if (fault?.status === 429) {
      const seconds = String(fault.retryAfter ?? 0.05);
      return send(
        429,
        { message: 'You are being rate limited.', retry_after: Number(seconds), global: false },
        {
          'retry-after': seconds,
          'x-ratelimit-limit': '1',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': seconds,
          'x-ratelimit-bucket': 'fake-bucket',
          'x-ratelimit-scope': 'user',
        },
      );
    }
    if (fault) return send(fault.status, { code: 0, message: `${fault.status}: Fake failure` });

    for (const route of this.routes) {
      const m = route.method === method ? route.pattern.exec(path) : null;
      if (!m) continue;
      const reply = route.handler({
        method,
        params: m.slice(1).map(decodeURIComponent),
        query: url.searchParams,
        body,
        files,
      });
      return send(reply.status ?? 200, reply.body);
    }
    send(404, { code: 0, message: `404: Not Found (${method} ${path})` });
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const entry = this.faults.find((f) => f.remaining > 0 && matches(f.matcher, method, path));
    if (!entry) return undefined;
    entry.remaining--;
    return entry.fault;
  }

  private cdn(path: string, res: ServerResponse): void {
    const file = this.state.cdn.get(path);
    if (!file) return void res.writeHead(404).end();
    res
      .writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length })
      .end(file.data);
  }
}

function matches(matcher: RouteMatcher, method: string, path: string): boolean {
  if (typeof matcher === 'function') return matcher(method, path);
  if (typeof matcher === 'string') return `${method} ${path}` === matcher || path === matcher;
  return matcher.test(`${method} ${path}`);
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Lets undici's FormData parser do the RFC 7578 work. */
async function parseMultipart(raw: Buffer, type: string): Promise<{ body: Json; files: RecordedFile[] }> {
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  let body: Json = {};
  const files: RecordedFile[] = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      if (name === 'payload_json') body = JSON.parse(value) as Json;
      continue;
    }
    files.push({
      name,
      filename: value.name,
      contentType: value.type,
      data: Buffer.from(await value.arrayBuffer()),
    });
  }
  return { body, files };
}
