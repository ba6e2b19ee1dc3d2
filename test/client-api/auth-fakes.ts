import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { AddressInfo, createServer as createTcpServer, Server as TcpServer } from 'node:net';
import { selfSignedCertificateFiles } from '../support/network';

/** A request the fake HTTP server received. */
export interface SeenRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Handler = (req: SeenRequest, res: ServerResponse) => void;

/** A self-signed certificate for 127.0.0.1, as SyTest's identity server has. */
export function selfSignedCertificate(): { key: string; cert: string } {
  const { certificate, key } = selfSignedCertificateFiles('fake-tls-');
  return { key: readFileSync(key, 'utf8'), cert: readFileSync(certificate, 'utf8') };
}

/** An HTTP(S) server on 127.0.0.1 standing in for reCAPTCHA, CAS or an identity server. */
export class FakeHttpServer {
  readonly requests: SeenRequest[] = [];
  private server!: Server;

  constructor(
    private readonly handler: Handler,
    private readonly tls?: { key: string; cert: string },
  ) {}

  get origin(): string {
    return `${this.tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** host:port, as an `id_server`. */
  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<this> {
    const listener: RequestListener = (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const seen = {
          method: req.method ?? 'GET',
          url: new URL(req.url ?? '/', 'http://127.0.0.1'),
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(seen);
        this.handler(seen, res);
      });
    };
    this.server = this.tls ? createHttpsServer(this.tls, listener) : createServer(listener);
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A received mail: envelope and the DATA text. */
export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

const SMTP_REPLIES: Record<string, string> = {
  HELO: '250 hello',
  MAIL: '250 ok',
  RCPT: '250 ok',
  DATA: '354 go on',
  QUIT: '221 bye',
};

/**
 * An SMTP sink on 127.0.0.1 that, like SyTest's, knows HELO but not EHLO, and keeps every
 * message.
 */
export class FakeSmtpServer {
  readonly mails: ReceivedMail[] = [];
  private server!: TcpServer;
  private waiters: ((mail: ReceivedMail) => void)[] = [];

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async start(): Promise<this> {
    this.server = createTcpServer((socket) => {
      socket.setEncoding('utf8');
      let buffer = '';
      let inData = false;
      let mail: ReceivedMail = { from: '', to: [], data: '' };
      const reply = (line: string) => socket.write(`${line}\r\n`);
      reply('220 fake ESMTP');
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\r\n')) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (inData) {
            if (line === '.') {
              inData = false;
              this.mails.push(mail);
              for (const w of this.waiters.splice(0)) w(mail);
              mail = { from: '', to: [], data: '' };
              reply('250 queued');
            } else {
              mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
            }
            continue;
          }
          const verb = line.slice(0, 4).toUpperCase();
          if (verb === 'MAIL') mail.from = line.slice(10);
          if (verb === 'RCPT') mail.to.push(line.slice(8));
          if (verb === 'DATA') inData = true;
          reply(SMTP_REPLIES[verb] ?? '500 Syntax error: unrecognized command');
          if (verb === 'QUIT') socket.end();
        }
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The next mail to arrive: ask before the request that sends it. */
  nextMail(): Promise<ReceivedMail> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
