import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Histogram, Registry } from 'prom-client';
import { MatrixError } from '@switchboard/protocol';
import { resourceOfPath, resourcesOf } from './listener-resources';
import { RouteTable } from './route-table';
import { toMatrixError } from './to-matrix-error';

/**
 * client-server-api "Web Browser Clients": servers return these on all requests, and answer
 * OPTIONS preflights without authentication.
 */
/** `fatal`: invalid UTF-8 throws instead of becoming U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'access-control-allow-headers': 'X-Requested-With, Content-Type, Authorization',
};

/**
 * Installs what every request goes through before and after Nest: the route table (for 405),
 * CORS, the listener's resource gate, JSON parsing that fails as M_NOT_JSON, and request metrics.
 * Must run before the application registers its routes.
 */
export function installHttpPipeline(fastify: FastifyInstance, metrics: Registry): RouteTable {
  const routes = new RouteTable();
  fastify.addHook('onRoute', (route) => routes.add(route.method, route.url));

  fastify.addHook('onRequest', async (request, reply) => {
    void reply.headers(CORS_HEADERS);
    if (request.method === 'OPTIONS') return reply.status(204).send();
    const resource = resourceOfPath(request.url);
    const allowed = resourcesOf(request.raw);
    if (resource && allowed && !allowed.includes(resource)) {
      throw new MatrixError('M_UNRECOGNIZED', 404, 'Unrecognized request');
    }
  });

  fastify.removeContentTypeParser(['application/json']);
  // Parsed from bytes: JSON is UTF-8 (RFC 8259), and invalid UTF-8 is M_NOT_JSON like any other
  // unparseable body (decoding to a string first would replace it and then fail the length check).
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    let text: string;
    try {
      text = UTF8.decode(body as Buffer);
    } catch {
      return done(new MatrixError('M_NOT_JSON', 400, 'Content not valid UTF-8.'), undefined);
    }
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(new MatrixError('M_NOT_JSON', 400, 'Content not JSON.'), undefined);
    }
  });
  // Media uploads and clients that omit Content-Type still reach their handler, as raw bytes.
  fastify.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  const duration = new Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [metrics],
  });
  // JSON answers say `Content-Type: application/json`, as Synapse's do, not Fastify's
  // `application/json; charset=utf-8` (JSON is always UTF-8; clients such as SyTest compare the
  // whole header).
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (reply.getHeader('content-type') === 'application/json; charset=utf-8') {
      void reply.header('content-type', 'application/json');
    }
    return payload;
  });
  fastify.addHook('onResponse', async (request, reply) => {
    duration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  return routes;
}

/** A request id per request, taken from X-Request-Id when a proxy set one; logged with every line. */
export function requestId(req: { headers: Record<string, string | string[] | undefined> }): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

/**
 * Fastify's `frameworkErrors`: failures before routing (a malformed URL, a bad Content-Type
 * header) get the same Matrix error bodies as everything else.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const { error: matrixError } = toMatrixError(error);
  void reply.status(matrixError.status).send(matrixError.toJSON());
}
