import { ChildProcess, spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createScratchDatabase } from '@switchboard/storage/testing';
import { PROCESS_ENV, ROOT, stopProcess, waitForVersions } from './homeserver-process';
import { freePort } from './network';

/**
 * A homeserver as its own process, from its own config file, named `localhost:<port>`: federation
 * over TLS on that port (so discovery goes straight to it), the client API over plain HTTP on
 * another. It trusts any peer certificate and may reach loopback addresses, so two of them
 * federate on 127.0.0.1. Its database is a scratch one on the PostgreSQL of TEST_DATABASE_URL
 * (CI), else embedded PGlite in its folder. start() may follow stop() or kill(): the config,
 * the data and the database stay until dispose().
 */
export class FederatingProcess {
  private child?: ChildProcess;

  private constructor(
    readonly serverName: string,
    readonly baseUrl: string,
    private readonly main: string,
    private readonly configPath: string,
    private readonly logPath: string,
    private readonly dropDatabase: () => Promise<void>,
  ) {}

  /** Writes `<dir>/homeserver.yaml` (and creates the database); starts nothing yet. */
  static async create(
    main: string,
    dir: string,
    tls: { certificate: string; key: string },
  ): Promise<FederatingProcess> {
    const [federationPort, clientPort] = [await unusedPort(), await unusedPort()];
    const serverName = `localhost:${federationPort}`;
    await mkdir(dir, { recursive: true });
    const scratch = process.env.TEST_DATABASE_URL ? await createScratchDatabase() : null;
    const config = {
      server_name: serverName,
      public_baseurl: `https://${serverName}/`,
      data_dir: join(dir, 'data'),
      log_level: 'warn',
      listeners: [
        { port: clientPort, bind_addresses: ['127.0.0.1'], tls: null, resources: ['client'] },
        {
          port: federationPort,
          bind_addresses: ['127.0.0.1'],
          tls: { certificate: tls.certificate, key: tls.key },
          resources: ['federation'],
        },
      ],
      database: { url: scratch?.url ?? null },
      redis: { url: null },
      rate_limiting: { enabled: false },
      federation: { verify_certificates: false, ip_range_allowlist: ['127.0.0.0/8'] },
    };
    const configPath = join(dir, 'homeserver.yaml');
    await writeFile(configPath, stringify(config));
    return new FederatingProcess(
      serverName,
      `http://127.0.0.1:${clientPort}`,
      main,
      configPath,
      join(dir, 'server.log'),
      async () => scratch?.drop(),
    );
  }

  /** Spawns the server and waits until it answers; its output goes to server.log beside the config. */
  async start(): Promise<void> {
    const log = openSync(this.logPath, 'a');
    try {
      this.child = spawn('node', [this.main, '--config', this.configPath], {
        cwd: ROOT,
        env: PROCESS_ENV,
        stdio: ['ignore', log, log],
        detached: true,
      });
    } finally {
      closeSync(log);
    }
    await waitForVersions(this.baseUrl, this.child, 30000).catch(async (err: Error) => {
      const log = await readFile(this.logPath, 'utf8').catch(() => '');
      throw new Error(`${this.serverName}: ${err.message}\n${log.slice(-2000)}`);
    });
  }

  /** SIGKILL: the process dies wherever it is, as in a crash. */
  async kill(): Promise<void> {
    if (this.child) await stopProcess(this.child, 'SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.child) await stopProcess(this.child, 'SIGTERM');
  }

  /** Stops the server and drops its database. */
  async dispose(): Promise<void> {
    await this.stop();
    await this.dropDatabase();
  }
}

/** Ports handed out here: a port freed a moment ago may come back from the OS for the next ask. */
const handedOut = new Set<number>();

async function unusedPort(): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (handedOut.has(port)) continue;
    handedOut.add(port);
    return port;
  }
}
