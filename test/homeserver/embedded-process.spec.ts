import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '@switchboard/storage';
import { PROCESS_ENV, ROOT, stopProcess as stop, waitForVersions } from '../support/homeserver-process';
import { freePort } from '../support/network';

/**
 * The embedded default as an operator runs it: `npm start -- --config PATH` with no PostgreSQL and
 * no Redis, stopped with SIGTERM and started again.
 */
const run = promisify(execFile);

describe('embedded default, as a process', () => {
  let dir: string;
  let configPath: string;
  let port: number;
  const env = PROCESS_ENV;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-proc-'));
    port = await freePort();
    configPath = join(dir, 'homeserver.yaml');
    await writeFile(
      configPath,
      [
        `server_name: "localhost:${port}"`,
        `public_baseurl: "http://localhost:${port}/"`,
        'data_dir: ./data',
        'log_level: warn',
        'listeners:',
        `  - port: ${port}`,
        '    bind_addresses: ["127.0.0.1"]',
        '    resources: [client, federation, admin, metrics]',
        '',
      ].join('\n'),
    );
  });
  // A test that fails half-way must not leave its server holding the port and the database.
  const started: ChildProcess[] = [];
  afterEach(() => {
    for (const child of started.splice(0))
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const track = (child: ChildProcess) => {
    started.push(child);
    return child;
  };
  const npmStart = () =>
    track(
      spawn('npm', ['start', '--silent', '--', '--config', configPath], {
        cwd: ROOT,
        env,
        stdio: 'ignore',
        detached: true,
      }),
    );
  const nodeStart = () =>
    track(
      spawn('node', ['dist/apps/homeserver/src/main.js', '--config', configPath], {
        cwd: ROOT,
        env,
        stdio: 'ignore',
        detached: true,
      }),
    );

  it('serves /versions within 20 s of `npm start`, stops cleanly on SIGTERM within 5 s, and keeps its data', async () => {
    const first = npmStart();
    expect(await waitForVersions(`http://127.0.0.1:${port}`, first, 20000)).toBeLessThan(20000);
    const key = await readFile(join(dir, 'data/signing.key'), 'utf8');
    expect((await stop(first)).ms).toBeLessThan(5000);

    await run(
      'node',
      [
        'bin/switchboard.js',
        'register-user',
        '--config',
        configPath,
        '--user',
        'alice',
        '--password',
        'pw',
        '--admin',
      ],
      { cwd: ROOT, env },
    );

    const second = nodeStart();
    await waitForVersions(`http://127.0.0.1:${port}`, second, 20000);
    expect(await readFile(join(dir, 'data/signing.key'), 'utf8')).toBe(key);
    const secondStop = await stop(second);
    expect(secondStop.code).toBe(0);
    expect(secondStop.ms).toBeLessThan(5000);

    const db = await openDatabase({ url: null, embeddedDir: join(dir, 'data/db') });
    const rows = await db.dataSource.query('SELECT user_id, admin FROM users');
    await db.close();
    expect(rows).toEqual([{ user_id: `@alice:localhost:${port}`, admin: true }]);
  }, 90000);

  it('runs the worker (same modules, no listener) until SIGTERM, then stops cleanly', async () => {
    const worker = track(
      spawn('node', ['dist/apps/worker/src/main.js', '--config', configPath], {
        cwd: ROOT,
        env,
        stdio: 'ignore',
        detached: true,
      }),
    );
    await new Promise((r) => setTimeout(r, 5000));
    expect(worker.exitCode).toBeNull();
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then(
      () => true,
      () => false,
    );
    expect(ok).toBe(false);
    const stopped = await stop(worker);
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(5000);
  }, 30000);

  it('exits 1 naming the key path, without a stack trace, on a bad config', async () => {
    const bad = join(dir, 'bad.yaml');
    await writeFile(
      bad,
      ['server_name: example.org', 'listners: []', 'listeners:', '  - port: "eighty"', ''].join('\n'),
    );
    const result = await run('node', ['dist/apps/homeserver/src/main.js', '--config', bad], {
      cwd: ROOT,
      env,
    }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('listners');
    expect(result.stderr).toContain('listeners[0].port');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  }, 30000);
});
