import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  buildHomeserver,
  PROCESS_ENV,
  ROOT,
  stopProcess,
  waitForVersions,
} from '../support/homeserver-process';
import { freePort } from '../support/network';

const run = promisify(execFile);

function registration(id: string, regex = `@_${id}_.*`): string {
  return [
    `id: ${id}`,
    'url: null',
    `as_token: as-${id}`,
    `hs_token: hs-${id}`,
    `sender_localpart: ${id}bot`,
    'namespaces:',
    '  users:',
    '    - exclusive: true',
    `      regex: "${regex}"`,
    '',
  ].join('\n');
}

/**
 * Registration files at start and on SIGHUP: a wrong one stops the start as a wrong config does
 * (file, key path, what was expected; exit 1; no stack trace), and SIGHUP swaps the set in a
 * running server.
 */
describe('application service registrations, as a process', () => {
  let dir: string;
  let build: Awaited<ReturnType<typeof buildHomeserver>>;
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-as-proc-'));
    build = await buildHomeserver();
  }, 60000);
  afterEach(() => {
    for (const child of started.splice(0))
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  });
  afterAll(async () => {
    await build?.remove();
    await rm(dir, { recursive: true, force: true });
  });

  async function writeConfig(name: string, port: number, files: string[]): Promise<string> {
    const path = join(dir, name);
    await writeFile(
      path,
      [
        `server_name: "localhost:${port}"`,
        `data_dir: ./data-${name}`,
        'log_level: warn',
        'listeners:',
        `  - port: ${port}`,
        '    bind_addresses: ["127.0.0.1"]',
        '    resources: [client]',
        `app_service_config_files: [${files.map((f) => JSON.stringify(f)).join(', ')}]`,
        '',
      ].join('\n'),
    );
    return path;
  }

  it('exits 1 with the file, the key path and what was expected, without a stack trace', async () => {
    const good = join(dir, 'good.yaml');
    const bad = join(dir, 'bad.yaml');
    await writeFile(good, registration('good'));
    await writeFile(bad, registration('bad', '@_bad_(').replace('url: null', 'url: ftp://x'));
    const config = await writeConfig('bad-start.yaml', await freePort(), [good, bad]);
    const result = await run('node', [build.main, '--config', config], { cwd: ROOT, env: PROCESS_ENV }).then(
      () => ({ code: 0, stderr: '' }),
      (err: { code: number; stderr: string }) => err,
    );
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${bad}: url: expected an http(s) URL, or null to send it nothing, got string "ftp://x" (line 2, col 6)`,
      expect.stringMatching(
        new RegExp(
          `^${bad}: namespaces\\.users\\[0\\]\\.regex: expected a regular expression JavaScript can compile \\(.+\\), got string "@_bad_\\(" \\(line 9, col 14\\)$`,
        ),
      ),
    ]);
  }, 30000);

  it('reloads on SIGHUP: a fixed file takes effect, a wrong one leaves the running set', async () => {
    const port = await freePort();
    const file = join(dir, 'hup-registration.yaml');
    await writeFile(file, registration('one'));
    const config = await writeConfig('hup.yaml', port, [file]);
    const child = spawn('node', [build.main, '--config', config], {
      cwd: ROOT,
      env: PROCESS_ENV,
      stdio: 'ignore',
      detached: true,
    });
    started.push(child);
    const base = `http://127.0.0.1:${port}`;
    await waitForVersions(base, child, 20000);
    const whoami = (token: string) =>
      fetch(`${base}/_matrix/client/v3/account/whoami`, {
        headers: { authorization: `Bearer ${token}` },
      }).then((r) => r.status);
    /** SIGHUP is handled between requests: poll until the token's answer is the expected one. */
    const eventually = async (token: string, status: number) => {
      for (let i = 0; i < 50 && (await whoami(token)) !== status; i++)
        await new Promise((r) => setTimeout(r, 100));
      return whoami(token);
    };
    expect(await whoami('as-one')).toBe(200);

    await writeFile(file, registration('two'));
    process.kill(child.pid!, 'SIGHUP');
    expect(await eventually('as-two', 200)).toBe(200);
    expect(await whoami('as-one')).toBe(401);

    await writeFile(file, 'id: [');
    process.kill(child.pid!, 'SIGHUP');
    await new Promise((r) => setTimeout(r, 500));
    expect(child.exitCode).toBeNull();
    expect(await whoami('as-two')).toBe(200);

    expect((await stopProcess(child)).code).toBe(0);
  }, 60000);
});
