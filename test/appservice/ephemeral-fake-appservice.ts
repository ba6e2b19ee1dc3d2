import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Json } from '../support/http';

/**
 * An application service on 127.0.0.1 that takes every transaction the homeserver pushes and
 * keeps its body, for the ephemeral-data scenarios. It answers each with `{}`.
 */
export class FakeAppservice {
  readonly transactions: Json[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      void readBody(req).then((body) => {
        if (req.method === 'PUT' && /\/transactions\/[^/?]+/.test(req.url ?? '')) {
          this.transactions.push(JSON.parse(body));
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Every ephemeral event received so far, under the stable key or MSC2409's unstable one. */
  ephemeral(): Json[] {
    return this.transactions.flatMap((t) => t.ephemeral ?? t['de.sorunome.msc2409.ephemeral'] ?? []);
  }

  /** Every send-to-device message received so far, under MSC4203's key or MSC2409's unstable one. */
  toDevice(): Json[] {
    return this.transactions.flatMap((t) => t.to_device ?? t['de.sorunome.msc2409.to_device'] ?? []);
  }

  /** Waits until `found` picks something out of what arrived; fails after `timeoutMs`. */
  async until<T>(found: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    const started = Date.now();
    for (;;) {
      const result = found();
      if (result !== undefined) return result;
      if (Date.now() - started > timeoutMs) {
        throw new Error(`not received in ${timeoutMs} ms; got ${JSON.stringify(this.transactions)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
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
