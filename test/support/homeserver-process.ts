import { ChildProcess, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The project root: a build must sit under it so that node_modules resolve. */
export const ROOT = join(__dirname, '../..');

/** What a server process started from a test sees: no variable of the test's shell overrides its config file. */
export const PROCESS_ENV = { ...process.env, DATABASE_URL: '', REDIS_URL: '', SWITCHBOARD_CONFIG: '' };

/**
 * Compiles apps and libs with swc (a few seconds), as `npm run build` and test/sytest/run.sh do,
 * into a folder of its own under the root, so concurrent test runs never write into one build.
 * `main` is the homeserver's entry point; remove() deletes the build.
 */
export async function buildHomeserver(): Promise<{ main: string; remove(): Promise<void> }> {
  const dist = join(ROOT, `dist-e2e-${randomBytes(4).toString('hex')}`);
  await promisify(execFile)(
    'npx',
    ['swc', 'apps', 'libs', 'bridges', '--out-dir', dist, '--quiet', '--ignore', '**/*.spec.ts'],
    { cwd: ROOT },
  );
  return {
    main: join(dist, 'apps/homeserver/src/main.js'),
    remove: () => rm(dist, { recursive: true, force: true }),
  };
}

/** Polls GET /_matrix/client/versions until it answers; how long that took. */
export async function waitForVersions(url: string, child: ChildProcess, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/_matrix/client/versions`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not answer in time');
}

/**
 * A signal to the child's whole process group (it was spawned `detached`, so npm and the node
 * process it runs go together); resolves when the child has exited.
 */
export function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, ms: 0 });
      return;
    }
    child.once('exit', (code) => resolve({ code, ms: Date.now() - started }));
    process.kill(-child.pid!, signal);
  });
}
