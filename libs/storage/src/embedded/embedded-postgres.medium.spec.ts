import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@switchboard/storage';

/** Opening a fresh PGlite runs every migration in WebAssembly: slow on a busy 2-core host. */
const OPEN_TIMEOUT_MS = 120_000;

describe('embedded PGlite database', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'switchboard-pglite-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'keeps its data across a restart and runs migrations once',
    async () => {
      const first = await openDatabase({ url: null, embeddedDir: dir });
      expect(first.kind).toBe('pglite');
      await first.dataSource.query(`INSERT INTO users (user_id, created_ts) VALUES ('@a:x', 1)`);
      await first.close();

      const second = await openDatabase({ url: null, embeddedDir: dir });
      expect(await second.dataSource.query('SELECT user_id FROM users')).toEqual([{ user_id: '@a:x' }]);
      await second.close();
    },
    OPEN_TIMEOUT_MS,
  );

  it(
    'refuses a directory held by a live process and takes over a stale lock',
    async () => {
      await writeFile(join(dir, 'switchboard.pid'), String(process.ppid));
      await expect(openDatabase({ url: null, embeddedDir: dir })).rejects.toThrow(/in use by process/);
      await writeFile(join(dir, 'switchboard.pid'), '999999999');
      const db = await openDatabase({ url: null, embeddedDir: dir });
      await db.close();
    },
    OPEN_TIMEOUT_MS,
  );
});
