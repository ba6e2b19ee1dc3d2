import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Json } from '../support/http';

/** One PUT /transactions/{txnId} as the application service saw it. */
export interface ReceivedTransaction {
  txnId: string;
  eventIds: string[];
  /** When the request arrived (performance.now()). */
  at: number;
  /** What the service answered. */
  status: number;
}

/**
 * An application service on 127.0.0.1 that records every transaction pushed to it. `mode` says
 * how it answers: `up` takes it (200 `{}`), `failing` answers 500, `down` drops the connection
 * unanswered, as a crashed service would.
 */
export class TransactionSink {
  readonly received: ReceivedTransaction[] = [];
  /** The bodies of the accepted transactions. */
  readonly accepted: Json[] = [];
  mode: 'up' | 'failing' | 'down' = 'up';
  /** Called with each accepted transaction's body. */
  onAccepted?: (body: Json, at: number) => void;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readBody(req).then((text) => {
        const match = /\/transactions\/([^/?]+)/.exec(req.url ?? '');
        if (req.method !== 'PUT' || !match) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{}');
          return;
        }
        const at = performance.now();
        if (this.mode === 'down') {
          req.socket.destroy();
          return;
        }
        const body = JSON.parse(text) as Json;
        const status = this.mode === 'up' ? 200 : 500;
        this.received.push({
          txnId: decodeURIComponent(match[1]),
          eventIds: (body.events as Json[]).map((e) => e.event_id as string),
          at,
          status,
        });
        if (status === 200) {
          this.accepted.push(body);
          this.onAccepted?.(body, at);
        }
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 200 ? '{}' : '{"errcode":"M_UNKNOWN","error":"down for maintenance"}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The events of the accepted transactions, in the order they were accepted. */
  delivered(): string[] {
    return this.received.filter((t) => t.status === 200).flatMap((t) => t.eventIds);
  }

  /** Waits until `done` holds; fails after `timeoutMs`. */
  async until(done: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const started = Date.now();
    while (!done()) {
      if (Date.now() - started > timeoutMs)
        throw new Error(`${what}: not in ${timeoutMs} ms (${this.delivered().length} events delivered)`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
