import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo } from 'node:net';
import { ListenerResource, tagRequest } from '@switchboard/http';

export interface ListenerSpec {
  port: number;
  bindAddresses: string[];
  tls: { certificate: string; key: string } | null;
  resources: ListenerResource[];
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * One Node server per (listener, bind address), all feeding the same Fastify instance; each
 * request is tagged with its listener's resources so a federation-only port serves no client API.
 */
export class Listeners {
  private readonly servers: {
    server: Server;
    port: number;
    host: string;
    tls: boolean;
    resources: ListenerResource[];
  }[] = [];
  private handler: Handler | undefined;

  constructor(specs: ListenerSpec[]) {
    for (const spec of specs) {
      const tls = spec.tls
        ? { cert: readFileSync(spec.tls.certificate), key: readFileSync(spec.tls.key) }
        : null;
      for (const host of spec.bindAddresses) {
        const server: Server = tls ? createHttpsServer(tls) : createHttpServer();
        server.on('request', (req, res) => {
          tagRequest(req, spec.resources);
          this.handler?.(req, res);
        });
        this.servers.push({ server, port: spec.port, host, tls: tls !== null, resources: spec.resources });
      }
    }
  }

  /** Fastify's `serverFactory`: Fastify gets the first server, and its handler serves them all. */
  readonly serverFactory = (handler: Handler): Server => {
    this.handler = handler;
    return this.servers[0].server;
  };

  async listen(): Promise<AddressInfo[]> {
    return Promise.all(
      this.servers.map(
        ({ server, port, host }) =>
          new Promise<AddressInfo>((resolve, reject) => {
            server.once('error', reject);
            server.listen(port, host, () => {
              server.off('error', reject);
              resolve(server.address() as AddressInfo);
            });
          }),
      ),
    );
  }

  /**
   * How a process on this machine reaches the client-server API (the built-in bridges do), once
   * listening; null when no listener serves it.
   */
  localClientUrl(): string | null {
    const entry = this.servers.find((s) => s.resources.includes('client') && s.server.listening);
    if (!entry) return null;
    const { address, port } = entry.server.address() as AddressInfo;
    const host =
      address === '0.0.0.0'
        ? '127.0.0.1'
        : address === '::'
          ? '[::1]'
          : address.includes(':')
            ? `[${address}]`
            : address;
    return `${entry.tls ? 'https' : 'http'}://${host}:${port}`;
  }

  /** Stops accepting, lets in-flight requests finish, drops idle keep-alive connections. */
  async close(): Promise<void> {
    await Promise.all(
      this.servers.map(
        ({ server }) =>
          new Promise<void>((resolve) => {
            if (!server.listening) return resolve();
            server.close(() => resolve());
            server.closeIdleConnections();
          }),
      ),
    );
  }

  /** Ends what close() left open (slow in-flight requests) once the shutdown deadline passes. */
  destroy(): void {
    for (const { server } of this.servers) server.closeAllConnections();
  }
}
